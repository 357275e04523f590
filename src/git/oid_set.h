// Compact hash tables keyed by git object id, for history walks over millions of objects: open
// addressing over flat arrays (about 30 bytes per id at the worst load factor, no per-entry
// allocation), where std::unordered_set would spend ~60 bytes and an allocation per id.
#pragma once

#include <git2/oid.h>

#include <cstdint>
#include <cstring>
#include <type_traits>
#include <utility>
#include <vector>

namespace twilint::git {

// Maps git_oid -> Value. Value is default-constructible; an empty Value type stores nothing.
// Not thread-safe; references returned by insert() are invalidated by the next insert().
template <typename Value>
class OidMap {
 public:
  OidMap() { rehash(kInitialCapacity); }

  size_t size() const { return size_; }

  // Makes room for `count` entries without rehashing on the way.
  void reserve(size_t count) {
    size_t capacity = keys_.size();
    while (count * 10 > capacity * 7) capacity *= 2;
    if (capacity != keys_.size()) rehash(capacity);
  }

  // Inserts `oid` with `value` unless present; returns the stored value and whether it was new.
  std::pair<Value*, bool> insert(const git_oid& oid, Value value = Value()) {
    if (is_zero(oid)) {
      bool inserted = !has_zero_;
      if (inserted) {
        has_zero_ = true;
        zero_value_ = std::move(value);
        ++size_;
      }
      return {&zero_value_, inserted};
    }
    if ((size_ + 1) * 10 > keys_.size() * 7) rehash(keys_.size() * 2);
    size_t slot = find_slot(oid);
    if (!is_zero(keys_[slot])) return {value_at(slot), false};
    keys_[slot] = oid;
    if constexpr (kStoresValues) values_[slot] = std::move(value);
    ++size_;
    return {value_at(slot), true};
  }

  // The stored value for `oid`, or nullptr.
  Value* find(const git_oid& oid) {
    if (is_zero(oid)) return has_zero_ ? &zero_value_ : nullptr;
    size_t slot = find_slot(oid);
    return is_zero(keys_[slot]) ? nullptr : value_at(slot);
  }
  bool contains(const git_oid& oid) { return find(oid) != nullptr; }

  // Calls fn(oid, value) for every entry, in no particular order.
  template <typename Fn>
  void for_each(Fn&& fn) const {
    if (has_zero_) fn(git_oid{}, zero_value_);
    for (size_t i = 0; i < keys_.size(); ++i) {
      if (is_zero(keys_[i])) continue;
      if constexpr (kStoresValues) {
        fn(keys_[i], values_[i]);
      } else {
        fn(keys_[i], zero_value_);
      }
    }
  }

 private:
  static constexpr bool kStoresValues = !std::is_empty_v<Value>;
  static constexpr size_t kInitialCapacity = 1024;  // a power of two

  // Ids are compared as two 8-byte words and one 4-byte word: these tables sit on the hottest
  // path of a history walk, where a call to memcmp per probe shows up.
  static bool is_zero(const git_oid& oid) {
    uint64_t a, b;
    uint32_t c;
    std::memcpy(&a, oid.id, 8);
    std::memcpy(&b, oid.id + 8, 8);
    std::memcpy(&c, oid.id + 16, 4);
    return (a | b | c) == 0;
  }
  static bool same(const git_oid& x, const git_oid& y) {
    uint64_t xa, xb, ya, yb;
    uint32_t xc, yc;
    std::memcpy(&xa, x.id, 8);
    std::memcpy(&ya, y.id, 8);
    std::memcpy(&xb, x.id + 8, 8);
    std::memcpy(&yb, y.id + 8, 8);
    std::memcpy(&xc, x.id + 16, 4);
    std::memcpy(&yc, y.id + 16, 4);
    return ((xa ^ ya) | (xb ^ yb) | (xc ^ yc)) == 0;
  }
  // Object ids are already uniformly distributed: the first 8 bytes are a good hash.
  static size_t hash(const git_oid& oid) {
    uint64_t h = 0;
    std::memcpy(&h, oid.id, sizeof h);
    return static_cast<size_t>(h);
  }

  size_t find_slot(const git_oid& oid) const {
    size_t mask = keys_.size() - 1;
    for (size_t slot = hash(oid) & mask;; slot = (slot + 1) & mask) {
      const git_oid& key = keys_[slot];
      if (same(key, oid) || is_zero(key)) return slot;
    }
  }

  Value* value_at(size_t slot) {
    if constexpr (kStoresValues) {
      return &values_[slot];
    } else {
      return &zero_value_;  // empty type: any address will do
    }
  }

  void rehash(size_t capacity) {
    std::vector<git_oid> old_keys(capacity);
    old_keys.swap(keys_);
    std::vector<Value> old_values;
    if constexpr (kStoresValues) {
      old_values.resize(capacity);
      old_values.swap(values_);
    }
    for (size_t i = 0; i < old_keys.size(); ++i) {
      if (is_zero(old_keys[i])) continue;
      size_t slot = find_slot(old_keys[i]);
      keys_[slot] = old_keys[i];
      if constexpr (kStoresValues) values_[slot] = std::move(old_values[i]);
    }
  }

  std::vector<git_oid> keys_;  // all-zero = empty slot; the zero id itself is kept aside
  std::vector<Value> values_;  // parallel to keys_ (unused for an empty Value)
  Value zero_value_{};
  bool has_zero_ = false;
  size_t size_ = 0;
};

struct OidSetNoValue {};

// A set of object ids.
class OidSet {
 public:
  // True when `oid` was not in the set before.
  bool insert(const git_oid& oid) { return map_.insert(oid).second; }
  bool contains(const git_oid& oid) { return map_.contains(oid); }
  size_t size() const { return map_.size(); }
  void reserve(size_t count) { map_.reserve(count); }

  // Calls fn(oid) for every id, in no particular order.
  template <typename Fn>
  void for_each(Fn&& fn) const {
    map_.for_each([&](const git_oid& oid, const OidSetNoValue&) { fn(oid); });
  }

 private:
  OidMap<OidSetNoValue> map_;
};

}  // namespace twilint::git
