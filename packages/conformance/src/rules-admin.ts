/**
 * Loads `source` as the rules of `projectId` through the official admin endpoint
 * `PUT /emulator/v1/projects/{p}:securityRules`; rejects with the server's answer when it refuses the file.
 */
export async function putRules(origin: string, projectId: string, source: string): Promise<void> {
  const response = await fetch(`${origin}/emulator/v1/projects/${projectId}:securityRules`, {
    method: 'PUT',
    body: JSON.stringify({ rules: { files: [{ name: 'firestore.rules', content: source }] } }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${origin} refused the rules: HTTP ${response.status} ${text}`);
  // The official emulator answers 200 with error-severity issues when it refuses a file.
  if (/"severity":\s*"ERROR"/.test(text)) throw new Error(`${origin} refused the rules: ${text}`);
}
