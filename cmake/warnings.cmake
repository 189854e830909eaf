# Warnings on for our targets; call knsim_warnings(target). -Wshadow=local is GCC's spelling; clang
# (the sanitizer and fuzz trees) has no such option and would warn about it on every file.
function(knsim_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic $<$<CXX_COMPILER_ID:GNU>:-Wshadow=local>
                                           -Wnon-virtual-dtor -Wno-unused-parameter)
endfunction()

# knsim_library(name folder [deps...]): a static library from every .cpp under the folder.
function(knsim_library name folder)
  file(GLOB_RECURSE srcs CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/${folder}/*.cpp)
  if(NOT srcs)
    message(FATAL_ERROR "no sources in ${folder}")
  endif()
  add_library(${name} STATIC ${srcs})
  target_include_directories(${name} PUBLIC ${CMAKE_SOURCE_DIR})
  knsim_warnings(${name})
endfunction()
