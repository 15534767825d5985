import { resetAdminPassword } from "@/lib/auth/bootstrap-admin";
import { UsageError, type Command } from "../cli/command";
import { withCliDatabase } from "../cli/database";

export const adminResetPasswordCommand: Command = {
  name: "admin reset-password",
  summary: "Give an admin account a new generated password and print it once.",
  usage: "admin reset-password --email <admin email>",
  options: { email: { type: "string" } },
  optionHelp: ["--email  The admin's email (required)"],
  async run({ values }) {
    const email = values.email as string | undefined;
    if (!email) throw new UsageError("--email is required");
    await withCliDatabase("admin reset-password", async ({ db }) => {
      const password = await resetAdminPassword(db, email);
      if (!password) throw new UsageError(`No admin with email ${email}`);
      console.log(`New password for ${email}: ${password}`);
    });
  },
};
