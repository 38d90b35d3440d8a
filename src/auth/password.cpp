#include "auth/password.h"

#include <sodium.h>

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

}  // namespace

Result<std::string> hash_password(std::string_view password) {
  ensure_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
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
  if (password == username) return make_error("password_weak", "密码不能与用户名相同");
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
