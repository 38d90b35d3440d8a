#include "auth/password.h"

#include <sodium.h>

#include <atomic>
#include <cctype>
#include <mutex>

namespace baoxue::auth {
namespace {

void ensure_sodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();  // no usable random source: nothing is safe to do
  });
}

std::string hex(const unsigned char* bytes, std::size_t n) {
  std::string out(n * 2, '\0');
  sodium_bin2hex(out.data(), out.size() + 1, bytes, n);
  return out;
}

// ASCII letters folded to lower case; other bytes (UTF-8 of Chinese names) unchanged.
std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::atomic<bool> g_cheap{false};

}  // namespace

void use_cheap_password_hashing_in_specifications() { g_cheap = true; }

Result<std::string> hash_password(std::string_view password) {
  ensure_sodium();
  char out[crypto_pwhash_STRBYTES];
  const bool cheap = g_cheap;
  if (crypto_pwhash_str(out, password.data(), password.size(),
                        cheap ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        cheap ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE) !=
      0)
    return make_error("password_hash_failed", "服务器内存不足，暂时无法设置密码，请稍后再试");
  return std::string(out);
}

bool verify_password(std::string_view password, const std::string& hash) {
  ensure_sodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

Status check_new_password(std::string_view password, std::string_view username) {
  bool letter = false, digit = false;
  for (unsigned char c : password) {
    letter = letter || std::isalpha(c);
    digit = digit || std::isdigit(c);
  }
  if (password.size() < 8) return make_error("password_weak", "密码至少 8 位");
  if (!letter || !digit) return make_error("password_weak", "密码须同时包含字母和数字");
  // A guesser tries the user name first, repeated or with digits around it ("vil2vil2vil2",
  // "VIL2abc123"): any password holding it, in any case, is refused.
  if (!username.empty() && lower_ascii(password).find(lower_ascii(username)) != std::string::npos)
    return make_error("password_weak", "密码不能包含用户名“" + std::string(username) +
                                           "”（不区分大小写）：请换一个不含用户名的密码，"
                                           "至少 8 位，同时含字母和数字");
  return {};
}

std::string random_token() {
  ensure_sodium();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  return hex(bytes, sizeof bytes);
}

std::string sha256_hex(std::string_view bytes) {
  ensure_sodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return hex(digest, sizeof digest);
}

std::string token_digest(std::string_view token) { return sha256_hex(token); }

std::string csrf_for(std::string_view token) {
  return sha256_hex(std::string("baoxue-csrf:").append(token));
}

}  // namespace baoxue::auth
