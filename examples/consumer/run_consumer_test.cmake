# Builds and runs the consumer project against ctorch. MODE "installed": installs the ctorch
# build in CTORCH_BUILD_DIR into a scratch prefix and uses find_package; MODE "subdirectory":
# builds ctorch from CTORCH_SOURCE_DIR inside the consumer with add_subdirectory.
file(REMOVE_RECURSE ${WORK_DIR})
function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "failed (${status}): ${ARGV}")
  endif()
endfunction()
if(MODE STREQUAL "installed")
  set(prefix ${WORK_DIR}/prefix)
  run(${CMAKE_COMMAND} --install ${CTORCH_BUILD_DIR} --prefix ${prefix})
  set(configure_args -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_BUILD_RPATH=${prefix}/lib)
else()
  # The library's flags as in the enclosing build, so that ccache serves its objects. CPU only:
  # compiling the CUDA kernels a second time would double CI's nvcc time (the installed mode
  # checks a CUDA build's consumer).
  set(configure_args -DCTORCH_SOURCE_DIR=${CTORCH_SOURCE_DIR} -DCTORCH_WERROR=${CTORCH_WERROR}
                     -DCTORCH_CUDA=OFF)
endif()
run(${CMAKE_COMMAND} -S ${CONSUMER_SOURCE} -B ${WORK_DIR}/build -G ${GENERATOR} ${configure_args})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
run(${WORK_DIR}/build/consumer)
