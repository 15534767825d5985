import type { TestProject } from "vitest/node";
import { openDatabase, postgresClient } from "../db/client";
import { migrateDatabase } from "../db/migrate";

/**
 * With TEST_DATABASE_URL, builds one migrated template database for this run; each test file
 * then copies it (CREATE DATABASE … TEMPLATE) so files never see each other's rows.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return;
  const template = `marquee_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgresClient(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${template}"`);
  const handle = await openDatabase({ url: withDatabase(serverUrl, template), maxConnections: 2 });
  await migrateDatabase(handle);
  await handle.close();
  project.provide("postgresTemplate", template);
  return async () => {
    await admin.unsafe(`drop database if exists "${template}" with (force)`);
    await admin.end();
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresTemplate: string;
  }
}
