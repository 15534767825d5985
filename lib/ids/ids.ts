import { z } from "zod";

/**
 * Movie, user and theater ids are strings chosen by the caller (a MovieLens "296", a UUID from
 * another service) or generated here. A safe charset and a bounded length keep them usable in
 * URLs, logs and CSV files.
 */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

export const idSchema = z
  .string()
  .regex(ID_PATTERN, "Must be 1–64 characters: letters, digits, and . _ : - (not first)");

export function newId(random: () => string = () => crypto.randomUUID()): string {
  return random();
}
