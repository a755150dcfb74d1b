// Part of src/contract/: imports nothing.

/** The shape of DLI project ids and job ids (32-hex, UUIDs); anything else is not an id. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
