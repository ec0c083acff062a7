// The entry point of `orgflow people` (people.md). Its arguments,
// people_args, sit in commands.hpp beside import_csv_args, because both
// share the column options (table_args); main.cpp fills them and
// people.cpp runs the analysis.
#pragma once

#include "commands.hpp"
