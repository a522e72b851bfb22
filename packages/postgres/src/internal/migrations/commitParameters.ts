/** The parameters of `commit_read_model` (v4, replaced whole by v7), which the effects commits pass through (v10, v12). */
export const COMMIT_PARAMETERS = `p_tenant text, p_collection text, p_part_count integer, p_part_index integer,
  p_expected bigint, p_position bigint, p_watermark text,
  p_doc_keys text[], p_docs text, p_deleted_keys text[],
  p_cleared_timer_keys text[], p_deleted_timer_keys text[], p_deleted_timer_names text[],
  p_timer_keys text[], p_timer_names text[], p_timer_ats text[], p_timer_payloads text[], p_timer_hashes bigint[],
  p_alias_from text[], p_alias_to text[],
  p_letter_positions bigint[], p_letter_is_timer boolean[], p_letter_timer_keys text[], p_letter_timer_names text[],
  p_letters text[],
  p_activate_projection text, p_activate_version integer`;

/** The parameters as arguments, to call `commit_read_model` with them. */
export const commitCall = (COMMIT_PARAMETERS.match(/\bp_\w+/g) ?? []).join(', ');
