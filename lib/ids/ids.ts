import { z } from "zod";
import { describeField } from "@/lib/openapi/schema-registry";

/**
 * Movie, user and theater ids are strings chosen by the caller (a MovieLens "296", a UUID from
 * another service) or generated here. A safe charset and a bounded length keep them usable in
 * URLs, logs and CSV files.
 */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

export const idSchema = describeField(
  z.string().regex(ID_PATTERN, "Must be 1–64 characters: letters, digits, and . _ : - (not first)"),
  "1–64 characters: letters, digits and . _ : - (not first). A MovieLens id such as \"296\", or one from another system.",
);
