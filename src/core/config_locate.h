/*
 * The old names of core/json_pos.h (positions inside JSON text), kept while branches written
 * against them are merged. New code includes core/json_pos.h; delete this file once nothing
 * includes it.
 */
#ifndef TICKER_CORE_CONFIG_LOCATE_H
#define TICKER_CORE_CONFIG_LOCATE_H

#include "core/json_pos.h"

#define config_path_seg           json_pos_step
#define config_locate             json_pos_find
#define config_offset_to_line_col json_pos_line_col
#define config_json_truncated     json_pos_truncated

#endif
