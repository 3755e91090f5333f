/* Stands in for a layer folder that has no modules yet (see CMakeLists.txt). */
typedef int ticker_empty_translation_unit;
