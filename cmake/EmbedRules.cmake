# Embeds every rules/*.toml file into the binary as a C++ raw string, so the shipped rule pack
# cannot drift from the binary that uses it. Regenerated whenever a rule file changes.
file(GLOB TWILINT_RULE_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/rules/*.toml)
# A ';' would split the argument into two: the script gets the list '|'-separated (VERBATIM quotes it).
string(REPLACE ";" "|" TWILINT_RULE_FILES_ARG "${TWILINT_RULE_FILES}")
set(TWILINT_EMBEDDED_RULES_CC ${CMAKE_BINARY_DIR}/generated/embedded_rules.cc)
add_custom_command(
  OUTPUT ${TWILINT_EMBEDDED_RULES_CC}
  COMMAND ${CMAKE_COMMAND} -DOUT=${TWILINT_EMBEDDED_RULES_CC} "-DFILES=${TWILINT_RULE_FILES_ARG}"
          -P ${CMAKE_SOURCE_DIR}/cmake/embed_rules_script.cmake
  DEPENDS ${TWILINT_RULE_FILES} ${CMAKE_SOURCE_DIR}/cmake/embed_rules_script.cmake
  COMMENT "Embedding rule pack"
  VERBATIM)
