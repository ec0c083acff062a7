// The `orgflow` command line: parses arguments, calls graphlib, prints.
#include <iostream>
int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "--version") { std::cout << "orgflow 0.1.0\n"; return 0; }
  std::cerr << "orgflow: under construction\n";
  return 2;
}
