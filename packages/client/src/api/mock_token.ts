/** Claims for an emulator-only unsigned token, as firebase's `EmulatorMockTokenOptions`. */
export interface EmulatorMockTokenOptions {
  sub?: string;
  user_id?: string;
  iat?: number;
  [claim: string]: unknown;
}

function base64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** An unsigned JWT (alg "none") with Firebase Auth's claims, the way Firebase builds `mockUserToken`. */
export function createMockUserToken(token: EmulatorMockTokenOptions, projectId?: string): string {
  if (token.uid) {
    throw new Error(
      'The "uid" field is no longer supported by mockUserToken. Please use "sub" instead for Firebase Auth User ID.',
    );
  }
  const sub = token.sub || token.user_id;
  if (!sub) {
    throw new Error("mockUserToken must contain 'sub' or 'user_id' field!");
  }
  const project = projectId || 'demo-project';
  const iat = token.iat || 0;
  const payload = {
    iss: `https://securetoken.google.com/${project}`,
    aud: project,
    iat,
    exp: iat + 3600,
    auth_time: iat,
    sub,
    user_id: sub,
    firebase: { sign_in_provider: 'custom', identities: {} },
    ...token,
  };
  return [
    base64url(JSON.stringify({ alg: 'none', type: 'JWT' })),
    base64url(JSON.stringify(payload)),
    '',
  ].join('.');
}
