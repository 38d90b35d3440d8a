// Specification of accounts: users placed in the county's tree, sign-in with lock-out,
// passwords changed at first sign-in. Runs on SQLite and PostgreSQL.
#include "auth/accounts.h"

#include <algorithm>
#include <chrono>
#include <latch>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <thread>
#include <vector>

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

// The error code of a refusal, "ok" when it went through: a readable failure either way.
template <typename T>
std::string code_of(const Result<T>& r) {
  return r.ok() ? "ok" : r.error().code;
}

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
  auto township = add("zhangtao", "township", "410308100000");
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
  for (int i = 0; i < kMaxFailedLogins; ++i) {
    auto wrong = attempt_sign_in(db(), "wangli", "guess" + std::to_string(i) + "x1", "");
    ASSERT_TRUE(wrong.ok()) << wrong.error().message;
    ASSERT_FALSE(wrong->signed_in);
    EXPECT_EQ(wrong->failure.kind, i + 1 < kMaxFailedLogins ? SignInFailure::Kind::kWrongPassword
                                                            : SignInFailure::Kind::kJustLocked);
  }
  auto locked = attempt_sign_in(db(), "wangli", "huimeng2026", "");
  ASSERT_TRUE(locked.ok());
  ASSERT_FALSE(locked->signed_in);
  EXPECT_EQ(locked->failure.kind, SignInFailure::Kind::kLocked);
  EXPECT_EQ(code_of(sign_in(db(), "wangli", "huimeng2026", "")), "sign_in_failed");
}

TEST_P(Accounts, TheFifthAttemptStillOpensTheAccountWhenItIsRightAndARightPasswordResetsTheCount) {
  ASSERT_TRUE(add("wangli", "county_staff", "410308").ok());
  for (int i = 1; i < kMaxFailedLogins; ++i)
    ASSERT_FALSE(sign_in(db(), "wangli", "guess" + std::to_string(i) + "x1", "").ok());
  ASSERT_TRUE(sign_in(db(), "wangli", "huimeng2026", "").ok());
  EXPECT_EQ(store::find_user(db(), "wangli").value()->failed_logins, 0);
  // Counted afresh: four more wrong guesses do not lock.
  for (int i = 1; i < kMaxFailedLogins; ++i)
    ASSERT_FALSE(sign_in(db(), "wangli", "guess" + std::to_string(i) + "x1", "").ok());
  EXPECT_TRUE(sign_in(db(), "wangli", "huimeng2026", "").ok());
}

TEST_P(Accounts, ALockEndsAfterItsMinutesAndTheCountStartsAfresh) {
  ASSERT_TRUE(add("wangli", "county_staff", "410308").ok());
  for (int i = 0; i < kMaxFailedLogins; ++i)
    ASSERT_FALSE(sign_in(db(), "wangli", "guess" + std::to_string(i) + "x1", "").ok());
  ASSERT_FALSE(sign_in(db(), "wangli", "huimeng2026", "").ok());
  // The fifteen minutes have passed.
  db().sql() << "UPDATE users SET locked_until = '2000-01-01T00:00:00Z' WHERE username = 'wangli'";
  auto wrong = attempt_sign_in(db(), "wangli", "guess9x1", "");
  ASSERT_TRUE(wrong.ok());
  EXPECT_EQ(wrong->failure.kind, SignInFailure::Kind::kWrongPassword);
  EXPECT_EQ(wrong->failure.user->failed_logins, 1);
  EXPECT_TRUE(wrong->failure.user->locked_until.empty());
  EXPECT_TRUE(sign_in(db(), "wangli", "huimeng2026", "").ok());
}

TEST_P(Accounts, TenParallelWrongPasswordsGetAtMostFiveChecksAndLockTheAccount) {
  ASSERT_TRUE(add("wangli", "county_staff", "410308").ok());
  constexpr int kGuessers = 10;
  // Each guess through its own connection, as the server's workers (or several servers) do.
  std::vector<std::unique_ptr<store::Database>> connections;
  for (int i = 0; i < kGuessers; ++i) {
    auto c = store::Database::open(url());
    ASSERT_TRUE(c.ok()) << c.error().message;
    connections.push_back(std::move(c.value()));
  }
  const long long checks_before = account_password_checks();
  std::latch start(kGuessers);
  std::vector<std::optional<Result<SignInOutcome>>> outcomes(kGuessers);
  std::vector<std::thread> guessers;
  for (int i = 0; i < kGuessers; ++i)
    guessers.emplace_back([&, i] {
      start.arrive_and_wait();
      outcomes[i].emplace(attempt_sign_in(*connections[i], "wangli",
                                          "guess" + std::to_string(i) + "x1", "10.0.0.9"));
    });
  for (auto& t : guessers) t.join();

  std::map<SignInFailure::Kind, int> kinds;
  for (const auto& o : outcomes) {
    ASSERT_TRUE(o->ok()) << o->error().message;  // never "database is locked"
    ASSERT_FALSE(o->value().signed_in);
    ++kinds[o->value().failure.kind];
  }
  // Five guesses were checked, the fifth of them locked the account, the other five were turned
  // away unchecked.
  EXPECT_EQ(account_password_checks() - checks_before, kMaxFailedLogins);
  EXPECT_EQ(kinds[SignInFailure::Kind::kWrongPassword], kMaxFailedLogins - 1);
  EXPECT_EQ(kinds[SignInFailure::Kind::kJustLocked], 1);
  EXPECT_EQ(kinds[SignInFailure::Kind::kLocked], kGuessers - kMaxFailedLogins);
  auto stored = store::find_user(db(), "wangli");
  ASSERT_TRUE(stored.ok() && stored.value());
  EXPECT_EQ(stored.value()->failed_logins, kMaxFailedLogins);
  EXPECT_GT(stored.value()->locked_until, store::now_utc());
  // Locked: the right password is refused too, and not checked.
  auto right = attempt_sign_in(db(), "wangli", "huimeng2026", "");
  ASSERT_TRUE(right.ok());
  EXPECT_FALSE(right->signed_in);
  EXPECT_EQ(right->failure.kind, SignInFailure::Kind::kLocked);
  EXPECT_EQ(account_password_checks() - checks_before, kMaxFailedLogins);
}

TEST_P(Accounts, AnUnknownNameALockedAndADisabledAccountGetTheSameAnswerButTheCallerLearnsWhich) {
  ASSERT_TRUE(add("wangli", "county_staff", "410308").ok());
  ASSERT_TRUE(add("zhaomin", "county_staff", "410308").ok());
  db().sql() << "UPDATE users SET disabled = 1 WHERE username = 'zhaomin'";
  auto attempt = [&](const std::string& name, const std::string& password) {
    auto o = attempt_sign_in(db(), name, password, "");
    EXPECT_TRUE(o.ok()) << o.error().message;
    EXPECT_FALSE(o->signed_in);
    return o.value().failure;
  };
  const SignInFailure unknown = attempt("nobody", "huimeng2026");
  EXPECT_EQ(unknown.kind, SignInFailure::Kind::kUnknownUser);
  EXPECT_FALSE(unknown.user);
  const SignInFailure wrong = attempt("wangli", "guess0x1");
  EXPECT_EQ(wrong.kind, SignInFailure::Kind::kWrongPassword);
  ASSERT_TRUE(wrong.user);
  EXPECT_EQ(wrong.user->username, "wangli");
  EXPECT_EQ(wrong.user->failed_logins, 1);
  for (int i = 1; i < kMaxFailedLogins - 1; ++i) attempt("wangli", "guess0x1");
  const SignInFailure just_locked = attempt("wangli", "guess0x1");
  EXPECT_EQ(just_locked.kind, SignInFailure::Kind::kJustLocked);
  const SignInFailure locked = attempt("wangli", "huimeng2026");
  EXPECT_EQ(locked.kind, SignInFailure::Kind::kLocked);
  EXPECT_FALSE(locked.user->locked_until.empty());
  const SignInFailure disabled = attempt("zhaomin", "huimeng2026");
  EXPECT_EQ(disabled.kind, SignInFailure::Kind::kDisabled);
  EXPECT_TRUE(disabled.user->disabled);
  EXPECT_EQ(failure_label_zh(SignInFailure::Kind::kWrongPassword), "登录失败（密码错误）");
  EXPECT_EQ(failure_code(SignInFailure::Kind::kJustLocked), "just_locked");

  // What the person signing in is told: one code, one message, whatever happened.
  const Error answer = sign_in_failed();
  EXPECT_EQ(answer.code, "sign_in_failed");
  EXPECT_NE(answer.message.find("或账号已被锁定"), std::string::npos) << answer.message;
  for (const auto& [name, password] : std::vector<std::pair<std::string, std::string>>{
           {"nobody", "huimeng2026"}, {"wangli", "huimeng2026"}, {"zhaomin", "huimeng2026"}}) {
    auto refused = sign_in(db(), name, password, "");
    ASSERT_FALSE(refused.ok()) << name;
    EXPECT_EQ(refused.error().code, answer.code) << name;
    EXPECT_EQ(refused.error().message, answer.message) << name;
  }
}

// Each refusal costs one argon2id verification (tens of milliseconds): an unknown name or a
// locked account answered at once would tell a guesser it is one. The margin is wide (a third)
// because the machine is shared; without the dummy check the gap is a hundredfold.
TEST_P(Accounts, AnUnknownNameOrALockedAccountTakesAboutAsLongAsAWrongPassword) {
  ASSERT_TRUE(add("wangli", "county_staff", "410308").ok());
  ASSERT_TRUE(add("zhaomin", "county_staff", "410308").ok());
  for (int i = 0; i < kMaxFailedLogins; ++i) ASSERT_FALSE(sign_in(db(), "zhaomin", "x1", "").ok());
  ASSERT_FALSE(sign_in(db(), "nobody", "warmup1x", "").ok());  // the dummy hash is made once
  auto median_time = [&](const std::string& name) {
    std::vector<double> ms;
    for (int i = 0; i < 3; ++i) {
      const auto start = std::chrono::steady_clock::now();
      EXPECT_FALSE(sign_in(db(), name, "guess" + std::to_string(i) + "x1", "").ok());
      ms.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count());
    }
    std::sort(ms.begin(), ms.end());
    return ms[1];
  };
  const double wrong = median_time("wangli");  // three failures: not yet locked
  const double unknown = median_time("nobody");
  const double locked = median_time("zhaomin");
  EXPECT_GT(unknown, wrong / 3) << "unknown " << unknown << " ms, wrong password " << wrong
                                << " ms";
  EXPECT_GT(locked, wrong / 3) << "locked " << locked << " ms, wrong password " << wrong << " ms";
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

TEST_P(Accounts, APasswordHoldingTheUserNameIsRefusedAtCreationAndAtChange) {
  const auto created = add("vil2", "county_staff", "410308", "vil2vil2vil2");
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().code, "password_weak");
  auto u = add("vil2", "county_staff", "410308");
  ASSERT_TRUE(u.ok()) << u.error().message;
  EXPECT_EQ(code_of(change_password(db(), u.value(), "VIL2abc123")), "password_weak");
}

TEST_P(Accounts, ChangingThePasswordEndsTheUsersOtherSessionsButNotTheOneMakingIt) {
  ASSERT_TRUE(add("wangli", "county_staff", "410308").ok());
  ASSERT_TRUE(add("zhaomin", "county_staff", "410308").ok());
  auto office = sign_in(db(), "wangli", "huimeng2026", "10.0.0.8");
  auto phone = sign_in(db(), "wangli", "huimeng2026", "10.0.0.9");  // or whoever took the password
  auto colleague = sign_in(db(), "zhaomin", "huimeng2026", "10.0.0.7");
  ASSERT_TRUE(office.ok() && phone.ok() && colleague.ok());
  // A server has all three in its memory.
  SessionCache cache(std::chrono::hours(1));
  for (const auto* s : {&office, &phone, &colleague})
    ASSERT_TRUE(resume_cached(db(), &cache, s->value().token).ok());

  ASSERT_TRUE(change_password(db(), office->user, "taiyin2027", token_digest(office->token)).ok());
  cache.forget_user(office->user.county, office->user.id);  // what the server does after it

  EXPECT_EQ(code_of(resume_cached(db(), &cache, phone->token)), "not_signed_in");
  auto still = resume_cached(db(), &cache, office->token);
  ASSERT_TRUE(still.ok()) << still.error().message;
  EXPECT_FALSE(still->current.user.must_change_password);
  EXPECT_TRUE(resume_cached(db(), &cache, colleague->token).ok());
  EXPECT_TRUE(resume_session(db(), colleague->token).ok());
}

TEST_P(Accounts, AnAdministratorsResetEndsEverySessionOfTheUserAndLiftsTheLock) {
  ASSERT_TRUE(add("wangli", "county_staff", "410308").ok());
  auto first = sign_in(db(), "wangli", "huimeng2026", "");
  auto second = sign_in(db(), "wangli", "huimeng2026", "");
  ASSERT_TRUE(first.ok() && second.ok());
  for (int i = 0; i < kMaxFailedLogins; ++i)
    ASSERT_FALSE(sign_in(db(), "wangli", "guess" + std::to_string(i) + "x1", "").ok());
  EXPECT_EQ(code_of(reset_password(db(), first->user, "wangli2028")), "password_weak");
  ASSERT_TRUE(reset_password(db(), first->user, "Reset2028ok").ok());
  EXPECT_EQ(code_of(resume_session(db(), first->token)), "not_signed_in");
  EXPECT_EQ(code_of(resume_session(db(), second->token)), "not_signed_in");
  auto again = sign_in(db(), "wangli", "Reset2028ok", "");
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_TRUE(again->user.must_change_password);
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
