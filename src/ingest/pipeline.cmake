# The import pipeline (header detection, field parsing, row checks, batches). Included from
# src/CMakeLists.txt; kept apart from the readers' CMakeLists.txt.
add_library(baoxue_import STATIC ${CMAKE_CURRENT_LIST_DIR}/fields.cpp
                                 ${CMAKE_CURRENT_LIST_DIR}/flagged_rows.cpp
                                 ${CMAKE_CURRENT_LIST_DIR}/header.cpp
                                 ${CMAKE_CURRENT_LIST_DIR}/identity.cpp
                                 ${CMAKE_CURRENT_LIST_DIR}/importer.cpp
                                 ${CMAKE_CURRENT_LIST_DIR}/list_reader.cpp
                                 ${CMAKE_CURRENT_LIST_DIR}/match_list.cpp
                                 ${CMAKE_CURRENT_LIST_DIR}/row_checker.cpp)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
# baoxue_match for match/person.h: file-mode matching reads lists as the matcher's persons.
target_link_libraries(baoxue_import PUBLIC baoxue_ingest baoxue_store baoxue_match
                                           PkgConfig::SODIUM nlohmann_json::nlohmann_json)
baoxue_embed(baoxue_import header_aliases_tsv ${BAOXUE_DATA_DIR}/header_aliases.tsv)
