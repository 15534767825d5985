import { isValidTimeZone } from "@/lib/catalog/contract";

/** The IANA time zones this server accepts for a theater, for the form's select (computed on the server so it matches the API). */
export function theaterTimeZones(): string[] {
  const zones = Intl.supportedValuesOf("timeZone").filter(isValidTimeZone);
  return zones.includes("UTC") ? zones : [...zones, "UTC"];
}
