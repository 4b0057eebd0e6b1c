// ctorch/device.h: where a tensor lives. `cpu`, `cuda[:N]` and `mps` are values; tensors live on
// the CPU or, in a build with CUDA, on a GPU (ctorch/cuda.h); asking for a device this build or
// machine lacks raises a ctorch::Error naming it.
//
//   ctorch::Device d("cuda:1");   d.str() == "cuda:1";   d.repr() == "device(type='cuda', index=1)"
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

namespace ctorch {

enum class DeviceType : int8_t { CPU, CUDA, MPS };

inline constexpr DeviceType kCPU = DeviceType::CPU;
inline constexpr DeviceType kCUDA = DeviceType::CUDA;
inline constexpr DeviceType kMPS = DeviceType::MPS;

std::string_view device_type_name(DeviceType t);  // "cpu", "cuda", "mps"

class Device {
 public:
  Device(DeviceType type, int index = -1) : type_(type), index_(index) {  // NOLINT: implicit, like PyTorch
    if (index < -1 || (type == DeviceType::CPU && index > 0)) [[unlikely]] bad_index(index);
  }
  Device(std::string_view spec);            // NOLINT: "cpu", "cuda", "cuda:0", "mps"
  Device(const char* spec) : Device(std::string_view(spec)) {}  // NOLINT

  DeviceType type() const { return type_; }
  int index() const { return index_; }
  bool has_index() const { return index_ >= 0; }
  bool is_cpu() const { return type_ == DeviceType::CPU; }
  bool is_cuda() const { return type_ == DeviceType::CUDA; }

  std::string str() const;   // "cuda:0"
  std::string repr() const;  // "device(type='cuda', index=0)"

  bool operator==(const Device& other) const = default;

 private:
  [[noreturn]] void bad_index(int index) const;  // PyTorch's error for an index out of range
  DeviceType type_;
  int index_;
};

// Prints the repr, as Python's print of a torch.device does in the tutorial's cell.
std::ostream& operator<<(std::ostream& out, const Device& d);

namespace cuda {
bool is_available();  // built with CUDA and at least one GPU visible (never throws)
int device_count();   // 0 without CUDA, without a driver or without a GPU
}  // namespace cuda
namespace mps {
bool is_available();  // false: ctorch has no Metal backend
bool is_built();
}  // namespace mps

}  // namespace ctorch
