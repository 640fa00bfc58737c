import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Verifies AWS Signature Version 4 on a GraphQL request (AWS_IAM auth, reference appsync-runtime.md
 * §5.1: `Authorization: AWS4-HMAC-SHA256 …` with `x-amz-date`, service `appsync`) against locally
 * configured credentials. Over HTTP/2 clients sign `:authority` instead of `host`; both are accepted.
 */
export interface LocalIamCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Reported as ctx.identity.userArn / accountId. */
  readonly userArn: string;
}

export interface SignedRequest {
  readonly method: string;
  /** Path as sent, without the query string. */
  readonly path: string;
  readonly query: string;
  /** Header names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type SigV4Result =
  | { readonly ok: true; readonly credentials: LocalIamCredentials; readonly region: string }
  | { readonly ok: false; readonly reason: string };

const AUTHORIZATION = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;:-]+), ?Signature=([0-9a-f]{64})$/;
/** How far a request's x-amz-date may be from now (AWS allows 15 minutes). */
const MAX_SKEW_MS = 15 * 60 * 1000;

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: Buffer | string, text: string): Buffer => createHmac('sha256', key).update(text, 'utf8').digest();

/** RFC 3986 encoding as SigV4 wants it. */
const encode = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

function canonicalQuery(query: string): string {
  if (query === '') return '';
  return query
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const [name = '', value = ''] = pair.split('=');
      return [encode(decodeURIComponent(name.replace(/\+/g, ' '))), encode(decodeURIComponent(value.replace(/\+/g, ' ')))] as const;
    })
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/** Non-S3 services encode each path segment twice in the canonical request. */
function canonicalPath(path: string): string {
  const segments = path.split('/').map((segment) => encode(encode(decodeURIComponent(segment))));
  return segments.join('/') || '/';
}

export function verifySigV4(request: SignedRequest, credentials: readonly LocalIamCredentials[], now: Date = new Date()): SigV4Result {
  const match = AUTHORIZATION.exec(request.headers.authorization ?? '');
  if (!match) return { ok: false, reason: 'malformed Authorization header' };
  const [, accessKeyId = '', day = '', region = '', service = '', signedHeaderList = '', signature = ''] = match;
  const found = credentials.find((candidate) => candidate.accessKeyId === accessKeyId);
  if (!found) return { ok: false, reason: 'unknown access key' };
  if (service !== 'appsync') return { ok: false, reason: `credential scope names service ${service}, not appsync` };
  const amzDate = request.headers['x-amz-date'] ?? '';
  const parsed = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!parsed || amzDate.slice(0, 8) !== day) return { ok: false, reason: 'x-amz-date missing or not matching the credential scope' };
  const signedAt = Date.UTC(Number(parsed[1]), Number(parsed[2]) - 1, Number(parsed[3]), Number(parsed[4]), Number(parsed[5]), Number(parsed[6]));
  if (Math.abs(now.getTime() - signedAt) > MAX_SKEW_MS) return { ok: false, reason: 'signature expired' };

  const signedHeaders = signedHeaderList.split(';');
  const canonicalHeaders = signedHeaders
    .map((name) => {
      const value = name === ':authority' || name === 'host' ? request.headers[name] ?? request.headers.host ?? request.headers[':authority'] : request.headers[name];
      return `${name}:${(value ?? '').trim().replace(/\s+/g, ' ')}\n`;
    })
    .join('');
  // The signature covers the payload hash; a claimed x-amz-content-sha256 must be the body's own.
  const payloadHash = sha256(request.body);
  const claimed = request.headers['x-amz-content-sha256'];
  if (claimed !== undefined && claimed !== payloadHash) return { ok: false, reason: 'signature does not match' };
  const canonicalRequest = [request.method.toUpperCase(), canonicalPath(request.path), canonicalQuery(request.query), canonicalHeaders, signedHeaderList, payloadHash].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  let key = hmac(`AWS4${found.secretAccessKey}`, day);
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part);
  const expected = hmac(key, stringToSign);
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature does not match' };
  return { ok: true, credentials: found, region };
}

/** ctx.identity for an IAM-signed request (reference §1.2). */
export function iamIdentity(credentials: LocalIamCredentials, sourceIp: readonly string[]) {
  const accountId = /^arn:aws[^:]*:iam::(\d{12}):/.exec(credentials.userArn)?.[1] ?? null;
  return {
    accountId,
    cognitoIdentityPoolId: null,
    cognitoIdentityId: null,
    sourceIp: [...sourceIp],
    username: credentials.accessKeyId,
    userArn: credentials.userArn,
    cognitoIdentityAuthType: null,
    cognitoIdentityAuthProvider: null,
  };
}
