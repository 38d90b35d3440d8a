// Specification of accounts: users placed in the county's tree, sign-in with lock-out,
// passwords changed at first sign-in. Runs on SQLite and PostgreSQL.
#include "auth/accounts.h"

#include "auth/password.h"
#include "store/region_repository.h"
#include "store/rows.h"
#include "store/school_repository.h"
#include "support/store_fixture.h"

namespace baoxue::auth {
namespace {

using baoxue::testing::StoreTest;

class Accounts : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    create_county();
    ASSERT_TRUE(store::insert_regions(db(), "410308",
                                      {{"410308000000", "county", "孟津区", ""},
                                       {"410308100000", "township", "会盟镇", "410308000000"},
                                       {"410308100201", "village", "台荫村", "410308100000"}})
                    .ok());
    store::School school;
    school.id = "1141030801";
    school.name = "孟津区会盟镇中心小学";
    school.type = "primary";
    school.township_code = "410308100000";
    ASSERT_TRUE(store::insert_schools(db(), "410308", {school}).ok());
  }

  Result<store::User> add(const std::string& name, const std::string& role, const std::string& org,
                          const std::string& password = "huimeng2026") {
    return create_user(db(), {"410308", name, "", role, org, password, "test"});
  }
};

TEST_P(Accounts, EachRoleIsPlacedAtItsOwnLevelOfTheTree) {
  auto county = add("county1", "county_staff", "410308");
  ASSERT_TRUE(county.ok()) << county.error().message;
  EXPECT_TRUE(scope_of(county.value()).county_wide());
  auto township = add("huimeng", "township", "410308100000");
  ASSERT_TRUE(township.ok()) << township.error().message;
  EXPECT_EQ(township->township_code, "410308100000");
  auto village = add("taiyin", "village", "410308100201");
  ASSERT_TRUE(village.ok()) << village.error().message;
  EXPECT_EQ(village->village_code, "410308100201");
  EXPECT_EQ(village->township_code, "410308100000");
  auto school = add("principal", "school_admin", "1141030801");
  ASSERT_TRUE(school.ok()) << school.error().message;
  EXPECT_EQ(scope_of(school.value()).school_code, "1141030801");
  EXPECT_TRUE(school->must_change_password);
}

TEST_P(Accounts, APlaceOfTheWrongKindOrOutsideTheCountyIsRefused) {
  EXPECT_EQ(add("a1", "township", "410308100201").error().code, "org_unknown");  // a village
  EXPECT_EQ(add("a2", "school_admin", "9999999999").error().code, "org_unknown");
  EXPECT_EQ(add("a3", "county_admin", "410322").error().code, "org_unknown");
  EXPECT_EQ(add("a4", "teacher", "1141030801").error().code, "org_unknown");  // no class
  EXPECT_EQ(add("a5", "root", "410308").error().code, "role_unknown");
  EXPECT_EQ(add("a6", "county_staff", "410308", "short1").error().code, "password_weak");
}

TEST_P(Accounts, AUserNameIsTakenOnce) {
  ASSERT_TRUE(add("wangli", "county_staff", "410308").ok());
  EXPECT_EQ(add("wangli", "township", "410308100000").error().code, "username_taken");
}

TEST_P(Accounts, SigningInOpensASessionWhoseTokenIsNotStored) {
  ASSERT_TRUE(add("wangli", "county_staff", "410308").ok());
  auto s = sign_in(db(), "wangli", "huimeng2026", "127.0.0.1");
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->token.size(), 64u);
  EXPECT_NE(s->token, s->csrf);
  auto stored = store::find_session(db(), token_digest(s->token));
  ASSERT_TRUE(stored.ok() && stored.value());
  EXPECT_EQ(stored.value()->user_id, s->user.id);
  EXPECT_EQ(stored.value()->csrf_digest, token_digest(s->csrf));
  EXPECT_EQ(store::query_int(db().sql(), "SELECT COUNT(*) FROM sessions WHERE token_digest = '" +
                                             s->token + "'"),
            0);
}

TEST_P(Accounts, AWrongPasswordAndAnUnknownUserGetTheSameAnswer) {
  ASSERT_TRUE(add("wangli", "county_staff", "410308").ok());
  auto wrong = sign_in(db(), "wangli", "huimeng2025", "");
  auto unknown = sign_in(db(), "nobody", "huimeng2026", "");
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.error().code, "sign_in_failed");
  EXPECT_EQ(wrong.error().message, unknown.error().message);
}

TEST_P(Accounts, FiveWrongPasswordsLockTheAccountEvenAgainstTheRightOne) {
  ASSERT_TRUE(add("wangli", "county_staff", "410308").ok());
  for (int i = 0; i < kMaxFailedLogins; ++i)
    EXPECT_EQ(sign_in(db(), "wangli", "guess" + std::to_string(i) + "x1", "").error().code,
              "sign_in_failed");
  auto locked = sign_in(db(), "wangli", "huimeng2026", "");
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.error().code, "account_locked");
}

TEST_P(Accounts, ANewPasswordReplacesTheInitialOneAndMustDiffer) {
  auto u = add("wangli", "county_staff", "410308");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(change_password(db(), u.value(), "huimeng2026").error().code, "password_weak");
  ASSERT_TRUE(change_password(db(), u.value(), "taiyin2027").ok());
  auto s = sign_in(db(), "wangli", "taiyin2027", "");
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_FALSE(s->user.must_change_password);
  EXPECT_FALSE(sign_in(db(), "wangli", "huimeng2026", "").ok());
}

TEST_P(Accounts, TheAuditLogKeepsEveryEntryNewestFirst) {
  for (const char* action : {"view_child", "export_ledger"}) {
    store::AuditEntry e;
    e.county = "410308";
    e.username = "wangli";
    e.action = action;
    e.address = "10.0.0.8";
    ASSERT_TRUE(store::append_audit(db(), e).ok());
  }
  auto log = store::audit_entries(db(), "410308", 10, 0);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ(log.value()[0].action, "export_ledger");
  EXPECT_FALSE(log.value()[0].at.empty());
}

BAOXUE_ON_BOTH_ENGINES(Accounts);

}  // namespace
}  // namespace baoxue::auth
