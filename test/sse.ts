export interface SseEvent {
  id: number;
  event: string;
  data: Record<string, unknown>;
}

/** Reads an SSE response to its end (our streams close after the terminal event). */
export async function readSse(response: Response, timeoutMs = 30_000): Promise<SseEvent[]> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const timer = setTimeout(() => void reader.cancel(), timeoutMs);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    clearTimeout(timer);
  }
  return parseSse(text);
}

export function parseSse(text: string): SseEvent[] {
  return text
    .split("\n\n")
    .map((block) => {
      const fields: Record<string, string> = {};
      for (const line of block.split("\n")) {
        if (!line || line.startsWith(":")) continue;
        const i = line.indexOf(":");
        fields[line.slice(0, i)] = line.slice(i + 1).trimStart();
      }
      return fields;
    })
    .filter((f) => f.data !== undefined)
    .map((f) => ({ id: Number(f.id), event: f.event ?? "message", data: JSON.parse(f.data!) }));
}
