// Specification of accounts: users placed in the county's tree, sign-in with lock-out,
// passwords changed at first sign-in. Runs on SQLite and PostgreSQL.
#include "auth/accounts.h"

#include <set>

#include "auth/password.h"
#include "auth/session_cache.h"
#include "store/audit_repository.h"
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
  auto log = store::find_audit(db(), "410308", {}, {1, 10});
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->rows.size(), 2u);
  EXPECT_EQ(log->total, 2);
  EXPECT_EQ(log->rows[0].action, "export_ledger");
  EXPECT_FALSE(log->rows[0].at.empty());
}

TEST_P(Accounts, AServerRemembersASessionBrieflyAndForgetsItAtSignOutOrPasswordChange) {
  auto u = add("wangli", "county_staff", "410308");
  ASSERT_TRUE(u.ok());
  ASSERT_TRUE(change_password(db(), u.value(), "taiyin2027").ok());
  auto s = sign_in(db(), "wangli", "taiyin2027", "");
  ASSERT_TRUE(s.ok());
  SessionCache cache(std::chrono::hours(1));
  auto first = resume_cached(db(), &cache, s->token);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->current.user.username, "wangli");
  EXPECT_TRUE(first->scope.county_wide());
  // Ended elsewhere (another process): this process still trusts its copy for `fresh` …
  ASSERT_TRUE(store::delete_session(db(), token_digest(s->token)).ok());
  EXPECT_TRUE(resume_cached(db(), &cache, s->token).ok());
  EXPECT_EQ(resume_cached(db(), nullptr, s->token).error().code, "not_signed_in");
  // … and forgets it at once when the sign-out goes through it.
  cache.forget(s->token);
  EXPECT_EQ(resume_cached(db(), &cache, s->token).error().code, "not_signed_in");

  auto again = sign_in(db(), "wangli", "taiyin2027", "");
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE(resume_cached(db(), &cache, again->token).ok());
  ASSERT_TRUE(store::delete_session(db(), token_digest(again->token)).ok());
  cache.forget_user("410308", u->id);  // the password changed through this process
  EXPECT_EQ(resume_cached(db(), &cache, again->token).error().code, "not_signed_in");
}

TEST_P(Accounts, ARememberedSessionIsTrustedOnlyForItsFreshTimeAndUntilItsEnd) {
  ASSERT_TRUE(add("wangli", "county_staff", "410308").ok());
  auto s = sign_in(db(), "wangli", "huimeng2026", "");
  ASSERT_TRUE(s.ok());
  SessionCache stale_at_once(std::chrono::seconds(0));
  ASSERT_TRUE(resume_cached(db(), &stale_at_once, s->token).ok());
  ASSERT_TRUE(store::delete_session(db(), token_digest(s->token)).ok());
  EXPECT_EQ(resume_cached(db(), &stale_at_once, s->token).error().code, "not_signed_in");

  auto t = sign_in(db(), "wangli", "huimeng2026", "");
  ASSERT_TRUE(t.ok());
  SessionCache cache(std::chrono::hours(1));
  auto resumed = resume_cached(db(), &cache, t->token);
  ASSERT_TRUE(resumed.ok());
  Resumed ended = resumed.value();
  ended.current.session.expires_at = "2000-01-01T00:00:00Z";  // its end has passed meanwhile
  cache.put(t->token, ended);
  EXPECT_FALSE(cache.find(t->token).has_value());
}

TEST_P(Accounts, ManyAuditEntriesCommitTogetherEachWithItsOwnId) {
  std::vector<store::AuditEntry> entries(250);
  std::vector<store::AuditEntry*> all;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    entries[i].county = "410308";
    entries[i].username = "wangli";
    entries[i].action = "view_child";
    entries[i].object_id = std::to_string(i);
    all.push_back(&entries[i]);
  }
  ASSERT_TRUE(store::append_audit(db(), all).ok());
  std::set<long long> ids;
  for (const auto& e : entries) ids.insert(e.id);
  EXPECT_EQ(ids.size(), entries.size());
  EXPECT_EQ(store::query_int(db().sql(), "SELECT COUNT(*) FROM audit_log"), 250);
  EXPECT_EQ(store::query_int(db().sql(), "SELECT COUNT(DISTINCT object_id) FROM audit_log"), 250);
}

BAOXUE_ON_BOTH_ENGINES(Accounts);

}  // namespace
}  // namespace baoxue::auth
