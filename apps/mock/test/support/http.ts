// Small request helper for the tests (fetch in Node 20 is undici).
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: { credential?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.credential !== undefined) headers.authorization = `Bearer ${options.credential}`;
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body: options.body });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}
