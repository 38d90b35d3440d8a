// Specification of passwords, tokens and roles.
#include <gtest/gtest.h>

#include <set>

#include "auth/password.h"
#include "auth/role.h"

namespace baoxue::auth {
namespace {

TEST(Password, IsStoredAsAnArgon2idHashThatOnlyTheRightPasswordOpens) {
  auto hash = hash_password("mengjin2026");
  ASSERT_TRUE(hash.ok()) << hash.error().message;
  EXPECT_EQ(hash.value().rfind("$argon2id$", 0), 0u) << hash.value();
  EXPECT_EQ(hash.value().find("mengjin2026"), std::string::npos);
  EXPECT_TRUE(verify_password("mengjin2026", hash.value()));
  EXPECT_FALSE(verify_password("mengjin2025", hash.value()));
  EXPECT_FALSE(verify_password("", hash.value()));
}

TEST(Password, TheSamePasswordHashesDifferentlyEachTime) {
  EXPECT_NE(hash_password("mengjin2026").value(), hash_password("mengjin2026").value());
}

TEST(Password, AMalformedHashOpensNothing) {
  EXPECT_FALSE(verify_password("x", ""));
  EXPECT_FALSE(verify_password("x", "$argon2id$garbage"));
}

TEST(Password, ANewPasswordNeedsEightCharactersWithLettersAndDigitsAndNotTheUserName) {
  EXPECT_TRUE(check_new_password("huimeng2026", "wangli").ok());
  EXPECT_EQ(check_new_password("a1b2c3", "wangli").error().message, "密码至少 8 位");
  EXPECT_EQ(check_new_password("12345678", "wangli").error().code, "password_weak");
  EXPECT_EQ(check_new_password("abcdefgh", "wangli").error().code, "password_weak");
  EXPECT_FALSE(check_new_password("wangli2026", "wangli2026").ok());
}

TEST(Password, ANewPasswordMustNotContainTheUserNameInAnyLetterCase) {
  const auto repeated = check_new_password("vil2vil2vil2", "vil2");
  ASSERT_FALSE(repeated.ok());
  EXPECT_EQ(repeated.error().code, "password_weak");
  EXPECT_NE(repeated.error().message.find("不能包含用户名“vil2”"), std::string::npos)
      << repeated.error().message;
  EXPECT_EQ(check_new_password("VIL2abc123", "vil2").error().code, "password_weak");
  EXPECT_EQ(check_new_password("abc123Vil2", "vil2").error().code, "password_weak");
  EXPECT_EQ(check_new_password("2026WangLi", "wangli").error().code, "password_weak");
  // Near the name is not the name: the rule refuses the name itself, not its letters.
  EXPECT_TRUE(check_new_password("village2026", "vil2").ok());
  EXPECT_TRUE(check_new_password("vil3vil3vil3", "vil2").ok());
  // A Chinese user name is matched as it is written.
  EXPECT_EQ(check_new_password("王丽abc2026", "王丽").error().code, "password_weak");
  EXPECT_TRUE(check_new_password("王立abc2026", "王丽").ok());
}

TEST(Token, IsSixtyFourHexCharactersAndNeverRepeats) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string t = random_token();
    ASSERT_EQ(t.size(), 64u);
    ASSERT_EQ(t.find_first_not_of("0123456789abcdef"), std::string::npos);
    seen.insert(t);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(Token, IsKeptAsItsSha256Digest) {
  EXPECT_EQ(token_digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Role, CodesReadBackAndUnknownCodesAreRefused) {
  for (Role r : {Role::kCountyAdmin, Role::kCountyStaff, Role::kTownship, Role::kVillage,
                 Role::kSchoolAdmin, Role::kTeacher, Role::kInspector})
    EXPECT_EQ(parse_role(role_code(r)), r);
  EXPECT_EQ(role_label_zh(Role::kTownship), "乡镇专干");
  EXPECT_FALSE(parse_role("root").has_value());
}

TEST(Role, OnlyTheInspectorIsReadOnlyAndOnlyCountyRolesSeeTheWholeCounty) {
  Scope s;
  s.role = Role::kInspector;
  EXPECT_FALSE(s.may_write());
  EXPECT_TRUE(s.county_wide());
  s.role = Role::kTownship;
  EXPECT_TRUE(s.may_write());
  EXPECT_FALSE(s.county_wide());
}

}  // namespace
}  // namespace baoxue::auth
