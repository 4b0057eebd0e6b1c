#include "ctorch/device.h"

#include <charconv>
#include <ostream>

#include "ctorch/error.h"

namespace ctorch {

std::string_view device_type_name(DeviceType t) {
  switch (t) {
    case DeviceType::CPU:
      return "cpu";
    case DeviceType::CUDA:
      return "cuda";
    case DeviceType::MPS:
      return "mps";
  }
  return "unknown";
}

void Device::bad_index(int index) const {
  CTORCH_CHECK(index >= -1, Runtime, "Device index must be -1 or non-negative, got ", index);
  CTORCH_FAIL(Runtime, "CPU device index must be -1 or zero, got ", index);
}

Device::Device(std::string_view spec) : type_(DeviceType::CPU), index_(-1) {
  const auto colon = spec.find(':');
  const std::string_view type_name = spec.substr(0, colon);
  bool known = false;
  for (DeviceType t : {DeviceType::CPU, DeviceType::CUDA, DeviceType::MPS}) {
    if (device_type_name(t) == type_name) {
      type_ = t;
      known = true;
    }
  }
  CTORCH_CHECK(known, Runtime, "Expected one of cpu, cuda, mps device type at start of device string: ",
               spec);
  if (colon != std::string_view::npos) {
    const std::string_view digits = spec.substr(colon + 1);
    int index = -1;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), index);
    CTORCH_CHECK(!digits.empty() && ec == std::errc() && end == digits.data() + digits.size() &&
                     digits[0] != '-' && digits[0] != '+',
                 Runtime, "Invalid device string: '", spec, "'");
    *this = Device(type_, index);
  }
}

std::string Device::str() const {
  std::string out(device_type_name(type_));
  if (has_index()) out += ":" + std::to_string(index_);
  return out;
}

std::string Device::repr() const {
  std::string out = "device(type='" + std::string(device_type_name(type_)) + "'";
  if (has_index()) out += ", index=" + std::to_string(index_);
  return out + ")";
}

std::ostream& operator<<(std::ostream& out, const Device& d) { return out << d.repr(); }

namespace mps {
bool is_available() { return false; }
bool is_built() { return false; }
}  // namespace mps

}  // namespace ctorch
