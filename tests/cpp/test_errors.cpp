// Tests for the error types: each kind of failure is thrown as the class a C++ caller can catch
// (IndexError, ValueError, TypeError, RuntimeError and its subclass NotImplementedError, all
// derived from Error), and carries the matching kind() for the Python module's mapping
// (semantics.md R18.1).
#include "test_util.h"

using namespace ctorch;

TEST(Errors, IndexErrorsAreCatchableAsIndexError) {
  Tensor t = arange(3);
  EXPECT_THROW((void)t[5], IndexError);
  EXPECT_THROW((void)t.size(1), IndexError);
  try {
    (void)t.select(0, 3);
    FAIL() << "select out of range did not throw";
  } catch (const IndexError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Index);
    EXPECT_STREQ(e.what(), "select(): index 3 out of range for tensor of size [3] at dimension 0");
  }
}

TEST(Errors, ValueAndTypeErrors) {
  EXPECT_THROW((void)tensor({{1, 2}, {3}}), ValueError);
  EXPECT_THROW((void)arange(6)[{Slice(None, None, 0)}], ValueError);
  EXPECT_THROW(set_default_dtype(kInt64), TypeError);
  EXPECT_EQ(get_default_dtype(), kFloat32);
}

TEST(Errors, NotImplementedErrorIsARuntimeError) {
  // PyTorch 2.x raises NotImplementedError (a RuntimeError subclass in Python) for a dtype a
  // kernel has no code for, and for bool subtraction and negation.
  EXPECT_THROW((void)arange(3, TensorOptions().dtype(kBool)), NotImplementedError);
  EXPECT_THROW((void)(-tensor({true})), NotImplementedError);
  EXPECT_THROW((void)tensor({1, 2}).mean(), NotImplementedError);
  try {
    (void)(tensor({true}) - tensor({false}));
    FAIL() << "bool subtraction did not throw";
  } catch (const RuntimeError& e) {  // caught as its base class, as `except RuntimeError` does
    EXPECT_EQ(e.kind(), ErrorKind::NotImplemented);
    EXPECT_NE(dynamic_cast<const NotImplementedError*>(&e), nullptr);
  }
  // A plain RuntimeError is not a NotImplementedError.
  try {
    (void)arange(6).view({5});
    FAIL() << "view did not throw";
  } catch (const NotImplementedError&) {
    FAIL() << "a RuntimeError case was thrown as NotImplementedError";
  } catch (const RuntimeError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Runtime);
  }
}

TEST(Errors, RuntimeErrorsAreThePlainBaseClass) {
  try {
    (void)arange(6).view({4, -1});
    FAIL() << "view did not throw";
  } catch (const IndexError&) {
    FAIL() << "a RuntimeError case was thrown as IndexError";
  } catch (const ValueError&) {
    FAIL() << "a RuntimeError case was thrown as ValueError";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Runtime);
    EXPECT_STREQ(e.what(), "shape '[4, -1]' is invalid for input of size 6");
  }
  // Every ctorch::Error is a std::runtime_error, for code that catches only standard types.
  EXPECT_THROW((void)arange(6).view({5}), std::runtime_error);
}

TEST(Errors, UndefinedTensorIsAnErrorNotACrash) {
  Tensor t;
  EXPECT_FALSE(t.defined());
  EXPECT_THROW((void)t.dim(), Error);
  EXPECT_THROW((void)t.sizes(), Error);
  EXPECT_THROW((void)t.view({1}), Error);
  EXPECT_THROW((void)t.clone(), Error);
  EXPECT_THROW((void)stack({t}), Error);
}

TEST(Errors, SizesTooLargeAreErrorsNotCrashes) {
  EXPECT_CTORCH_ERROR(Runtime, "Storage size calculation overflowed with sizes=[1099511627776, 1099511627776]",
                      (void)zeros({int64_t{1} << 40, int64_t{1} << 40}));
  EXPECT_CTORCH_ERROR(Runtime, "shape '[4294967296, 4294967296, 0]' is invalid for input of size 6",
                      (void)arange(6).view({int64_t{1} << 32, int64_t{1} << 32, 0}));
  // Representable but more memory than any machine has: the allocator's failure is an Error too.
  EXPECT_THROW((void)empty({int64_t{1} << 60}, kUInt8), Error);
}
