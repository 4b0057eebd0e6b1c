// ctorch/ctorch.h: everything. `#include <ctorch/ctorch.h>` and use namespace ctorch's functions
// as you would use torch's in Python.
#pragma once

#include "ctorch/activation.h"
#include "ctorch/device.h"
#include "ctorch/dispatch.h"
#include "ctorch/dtype.h"
#include "ctorch/elementwise.h"
#include "ctorch/error.h"
#include "ctorch/factory.h"
#include "ctorch/indexing.h"
#include "ctorch/indexing_ops.h"
#include "ctorch/linalg.h"
#include "ctorch/ops.h"
#include "ctorch/options.h"
#include "ctorch/parallel.h"
#include "ctorch/print.h"
#include "ctorch/reduce.h"
#include "ctorch/scalar.h"
#include "ctorch/size.h"
#include "ctorch/sorting.h"
#include "ctorch/tensor.h"
