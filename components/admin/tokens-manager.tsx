"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { describedBy, Field, Input, inputClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState, ErrorState, Notice } from "@/components/ui/states";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { apiFetch, ApiClientError } from "@/lib/client/api-client";
import type { ApiTokenList, ApiTokenListItem as ApiToken, CreatedApiToken } from "@/lib/auth/contract";
import { DateText } from "./date-text";
import { errorFor, errorMessage, unplacedErrors } from "./field-errors";
import { QueryStates } from "./query-states";
import { SuccessNotice } from "./success-notice";

const tokensKey = ["admin", "tokens"] as const;

/** What each scope lets a token do, for the checkboxes. */
const scopeHelp: Record<string, string> = {
  "events:write": "Send viewing and rating events",
  "recs:read": "Read recommendations",
  "feedback:write": "Send feedback on recommendations",
  "catalog:write": "Create, change and delete movies and theaters",
  admin: "Everything an admin can do, including users and tokens",
};

/** API tokens for services and scripts: create one (its secret is shown once), see their use, revoke them. */
export function TokensManager({ scopes }: { scopes: readonly string[] }) {
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const tokens = useQuery({
    queryKey: tokensKey,
    queryFn: ({ signal }) => apiFetch<ApiTokenList>("/api/v1/admin/tokens", { signal }),
  });

  const revoke = useMutation({
    mutationFn: (token: ApiToken) => apiFetch<ApiToken>(`/api/v1/admin/tokens/${encodeURIComponent(token.id)}`, { method: "DELETE" }),
    onSuccess: (token) => {
      setRevoking(null);
      setNotice(`Revoked “${token.name}”. Requests with it are refused from now on.`);
      void queryClient.invalidateQueries({ queryKey: tokensKey });
    },
  });

  return (
    <div className="space-y-6">
      <PageHeader title="API tokens" description="Keys for services and scripts that call the API. Each carries only the scopes it needs." />
      {created && <NewSecret token={created} onDone={() => setCreated(null)} />}
      <CreateTokenForm
        scopes={scopes}
        onCreated={(token) => {
          setNotice(null);
          setCreated(token);
          void queryClient.invalidateQueries({ queryKey: tokensKey });
        }}
      />

      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading" className="mb-3 text-lg font-semibold">
          Tokens
        </h2>
        {notice && <SuccessNotice message={notice} onDismiss={() => setNotice(null)} />}
        <QueryStates
          query={tokens}
          what="tokens"
          isEmpty={(data) => data.items.length === 0}
          empty={<EmptyState title="No tokens yet">Create one above for each service that calls the API.</EmptyState>}
        >
          {(data) => (
            <Table caption="API tokens">
              <THead>
                <Th>Name</Th>
                <Th>Token</Th>
                <Th>Scopes</Th>
                <Th>Created by</Th>
                <Th>Created</Th>
                <Th>Last used</Th>
                <Th>Status</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </THead>
              <TBody>
                {data.items.map((token) => (
                  <Tr key={token.id} className={token.revokedAt ? "text-stone-500" : ""}>
                    <Td className="min-w-36 font-medium">{token.name}</Td>
                    <Td>
                      <code className="whitespace-nowrap rounded bg-stone-100 px-1.5 py-0.5 text-xs">{token.prefix}…</code>
                    </Td>
                    <Td className="min-w-40">
                      <span className="flex flex-wrap gap-1">
                        {token.scopes.map((s) => (
                          <span key={s} className="rounded bg-stone-100 px-1.5 py-0.5 font-mono text-xs text-stone-700">
                            {s}
                          </span>
                        ))}
                      </span>
                    </Td>
                    <Td className="whitespace-nowrap">{token.createdByEmail ?? <span className="text-stone-500">—</span>}</Td>
                    <Td>
                      <DateText value={token.createdAt} />
                    </Td>
                    <Td>
                      <DateText value={token.lastUsedAt} empty="never" />
                    </Td>
                    <Td>
                      {token.revokedAt ? (
                        <span className="whitespace-nowrap text-xs">
                          <span className="rounded bg-red-50 px-1.5 py-0.5 font-medium text-red-700">revoked</span> <DateText value={token.revokedAt} />
                        </span>
                      ) : (
                        <span className="rounded bg-emerald-50 px-1.5 py-0.5 text-xs font-medium text-emerald-800">active</span>
                      )}
                    </Td>
                    <Td className="text-right">
                      {!token.revokedAt && (
                        <Button
                          variant="ghost"
                          size="sm"
                          className="text-red-700 hover:bg-red-50"
                          onClick={() => {
                            revoke.reset();
                            setNotice(null);
                            setRevoking(token);
                          }}
                        >
                          Revoke<span className="sr-only"> {token.name}</span>
                        </Button>
                      )}
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          )}
        </QueryStates>
      </section>

      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke “${revoking?.name}”?`}
        confirmLabel="Revoke token"
        pending={revoke.isPending}
        error={revoke.isError ? errorMessage(revoke.error) : null}
        onConfirm={() => revoking && revoke.mutate(revoking)}
        onCancel={() => setRevoking(null)}
      >
        <p>
          Every service using <code className="rounded bg-stone-100 px-1">{revoking?.prefix}…</code> is refused from the next request on. A revoked token cannot be
          turned back on; you would create a new one.
        </p>
      </ConfirmDialog>
    </div>
  );
}

function CreateTokenForm({ scopes, onCreated }: { scopes: readonly string[]; onCreated(token: CreatedApiToken): void }) {
  const [name, setName] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [fields, setFields] = useState<Record<string, string>>({});

  const create = useMutation({
    mutationFn: () => apiFetch<CreatedApiToken>("/api/v1/admin/tokens", { method: "POST", body: { name: name.trim(), scopes: chosen } }),
    onMutate: () => setFields({}),
    onSuccess: (token) => {
      setName("");
      setChosen([]);
      onCreated(token);
    },
    onError: (error) => {
      if (error instanceof ApiClientError) setFields(error.fields);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  const nameError = errorFor(fields, "name");
  const scopesError = errorFor(fields, "scopes");
  const otherErrors = unplacedErrors(fields, ["name", "scopes"]);
  return (
    <section aria-labelledby="new-token-heading" className="rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
      <h2 id="new-token-heading" className="mb-4 text-lg font-semibold">
        New token
      </h2>
      <form onSubmit={submit} noValidate className="space-y-4">
        <div className="max-w-sm">
          <Field id="token-name" label="Name" hint="Who or what uses it, e.g. “box office kiosk”" error={nameError}>
            <Input
              id="token-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={80}
              autoComplete="off"
              aria-invalid={Boolean(nameError)}
              aria-describedby={describedBy("token-name", nameError, "Who or what uses it, e.g. “box office kiosk”")}
            />
          </Field>
        </div>
        <fieldset aria-describedby={scopesError ? "token-scopes-error" : undefined}>
          <legend className="text-sm font-medium text-stone-800">Scopes</legend>
          <div className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-2">
            {scopes.map((scope) => {
              const id = `token-scope-${scope.replace(/[^a-z]+/g, "-")}`;
              return (
                <label key={scope} htmlFor={id} className="flex items-start gap-2 rounded-md border border-stone-200 px-3 py-2 text-sm has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50">
                  <input
                    id={id}
                    type="checkbox"
                    checked={chosen.includes(scope)}
                    onChange={(e) => setChosen((c) => (e.target.checked ? [...c, scope] : c.filter((s) => s !== scope)))}
                    className="mt-0.5 h-4 w-4 accent-brand-600"
                  />
                  <span>
                    <span className="font-mono text-xs font-medium text-stone-900">{scope}</span>
                    {scopeHelp[scope] && <span className="block text-xs text-stone-600">{scopeHelp[scope]}</span>}
                  </span>
                </label>
              );
            })}
          </div>
          {scopesError && (
            <p id="token-scopes-error" role="alert" className="mt-1 text-xs text-red-700">
              {scopesError}
            </p>
          )}
        </fieldset>
        {create.isError && !nameError && !scopesError && (
          <ErrorState title="The token was not created" message={otherErrors.length ? otherErrors.join(" ") : errorMessage(create.error)} />
        )}
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create token"}
        </Button>
      </form>
    </section>
  );
}

/** The new token's secret, once: a copy button and a plain warning that it will not be shown again. */
function NewSecret({ token, onDone }: { token: CreatedApiToken; onDone(): void }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const boxRef = useRef<HTMLElement>(null);

  useEffect(() => {
    boxRef.current?.scrollIntoView({ block: "nearest" });
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [token.id]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied("yes");
    } catch {
      // Clipboard access can be refused (plain http, permissions); the secret is selected for Ctrl+C instead.
      inputRef.current?.select();
      setCopied("failed");
    }
  }

  return (
    <section ref={boxRef} aria-labelledby="new-secret-heading" className="space-y-3 rounded-lg border-2 border-amber-300 bg-amber-50 p-4 sm:p-5">
      <h2 id="new-secret-heading" className="font-semibold text-amber-950">
        Token “{token.name}” created
      </h2>
      <Notice tone="warning">
        <strong>Copy it now; it will not be shown again.</strong> Only a fingerprint is stored, so nobody can look it up later. If it is lost, revoke it and
        create a new one.
      </Notice>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <div className="min-w-0 flex-1">
          <Field id="new-token-secret" label="Secret">
            <input ref={inputRef} id="new-token-secret" readOnly value={token.token} onFocus={(e) => e.currentTarget.select()} className={`${inputClass} font-mono`} spellCheck={false} />
          </Field>
        </div>
        <Button onClick={() => void copy()}>{copied === "yes" ? "Copied" : "Copy"}</Button>
      </div>
      <p aria-live="polite" className="text-sm text-amber-900">
        {copied === "yes" ? "Copied to the clipboard." : copied === "failed" ? "The browser did not allow copying; the secret is selected, press Ctrl+C (⌘C)." : ""}
      </p>
      <p className="text-sm text-amber-900">
        Send it as <code className="rounded bg-white/70 px-1">Authorization: Bearer {token.prefix}…</code> with scopes {token.scopes.join(", ")}.
      </p>
      <Button variant="secondary" onClick={onDone}>
        I have copied it
      </Button>
    </section>
  );
}
