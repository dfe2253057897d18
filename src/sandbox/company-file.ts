import { readFileSync } from "node:fs";
import { z } from "zod";
import { checkToday, todayIn } from "./dates";
import { expandSeed, SeedError } from "./seed";
import { CompanySeedSchema, PersonioItemsSchema } from "./seed-schema";
import type { PersonioEmployeeItem } from "./types";
import sampleCompany from "./sample-company.json";

/** Options for reading a company. */
export interface CompanyOptions {
  /** The date (YYYY-MM-DD) relative seed dates (`today-1`) resolve against; default today in Europe/Berlin. */
  readonly today?: string;
}

/** A company file that cannot be read as Personio items or as a compact seed; the message names the file. */
export class CompanyFileError extends Error {}

/**
 * Reads a company data file: Personio's response shape (`{"data": [items]}`), a bare list of items, or the
 * compact seed (`{"employees": [{"id": 1, "first_name": "Anna", …}]}`), which is expanded to items.
 */
export function loadCompanyFile(path: string, options: CompanyOptions = {}): PersonioEmployeeItem[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new CompanyFileError(`Cannot read company file ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CompanyFileError(`Invalid company file ${path}: not JSON (${(error as Error).message})`);
  }
  return parseCompany(json, path, options);
}

/** The bundled fictional sample company (≥ 60 employees and the edge cases a sync must survive), as items. */
export function loadSampleCompany(options: CompanyOptions = {}): PersonioEmployeeItem[] {
  return parseCompany(sampleCompany, "the bundled sample company", options);
}

/** Detects the format of parsed company JSON and returns its items; `source` names it in errors. */
export function parseCompany(
  json: unknown,
  source: string,
  options: CompanyOptions = {},
): PersonioEmployeeItem[] {
  const isObject = typeof json === "object" && json !== null && !Array.isArray(json);
  if (isObject && "employees" in json) {
    const seed = CompanySeedSchema.safeParse(json);
    if (!seed.success)
      throw new CompanyFileError(`Invalid company seed in ${source}:\n${z.prettifyError(seed.error)}`);
    const today =
      options.today === undefined ? todayIn("Europe/Berlin", new Date()) : checkToday(options.today);
    try {
      return expandSeed(seed.data, today);
    } catch (error) {
      if (error instanceof SeedError)
        throw new CompanyFileError(`Invalid company seed in ${source}: ${error.message}`);
      throw error;
    }
  }
  const list = Array.isArray(json) ? json : isObject && "data" in json ? json.data : undefined;
  if (list === undefined) {
    throw new CompanyFileError(
      `Invalid company file ${source}: expected {"data": [items]}, a list of items, or {"employees": [...]}`,
    );
  }
  const items = PersonioItemsSchema.safeParse(list);
  if (!items.success) {
    throw new CompanyFileError(`Invalid Personio items in ${source}:\n${z.prettifyError(items.error)}`);
  }
  return items.data;
}
