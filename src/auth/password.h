// Passwords: argon2id hashes (libsodium's crypto_pwhash_str, interactive limits), random tokens,
// and the rules a new password must meet. Nothing here touches the database.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace baoxue::auth {

// "$argon2id$v=19$m=…": salt and parameters inside. Errors: password_hash_failed (out of memory).
Result<std::string> hash_password(std::string_view password);
// For specifications that sign in hundreds of times (the API's): new hashes use libsodium's
// minimum cost, so a test run does not spend minutes in argon2id. Verification is unchanged (the
// cost is read from each hash). Never called by the product.
void use_cheap_password_hashing_in_specifications();
// Constant-time; false for a malformed hash too.
bool verify_password(std::string_view password, const std::string& hash);

// A new password: at least 8 characters, letters and digits both, and not containing the user
// name in any letter case (not "vil2vil2vil2" nor "VIL2abc123" for vil2). Errors (password_weak)
// say what to change, in Chinese.
Status check_new_password(std::string_view password, std::string_view username);

// 32 random bytes as 64 hex characters: session ids, CSRF tokens.
std::string random_token();
// SHA-256 of a token as hex: what the database keeps, so a stolen copy opens no session.
std::string token_digest(std::string_view token);
// The CSRF token of a session, derived from its cookie: a page reloaded mid-session can be told
// it again (GET /api/session), and a cross-site page, which cannot read the HttpOnly cookie,
// cannot compute it.
std::string csrf_for(std::string_view token);
// SHA-256 of any bytes, as 64 hex characters (evidence files are stored by it).
std::string sha256_hex(std::string_view bytes);

}  // namespace baoxue::auth
