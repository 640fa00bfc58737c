import { describe, expect, it } from 'vitest';
import type { FaultContext } from '../../../../local/bedrock/config.ts';
import { createBedrockEmulator, type BedrockEmulator, type EmulatorRequest } from '../../../../local/bedrock/server.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const ERROR_TYPE_SUFFIX = ':http://internal.amazon.com/coral/com.amazon.bedrock/';

const validBody = { anthropic_version: 'bedrock-2023-05-31', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] };

function request(overrides: Partial<EmulatorRequest> & { modelId?: string } = {}): EmulatorRequest {
  const { modelId = HAIKU, ...rest } = overrides;
  return {
    method: 'POST',
    path: `/model/${encodeURIComponent(modelId)}/invoke`,
    headers: {
      authorization: 'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature=00',
      'content-type': 'application/json',
    },
    body: new TextEncoder().encode(JSON.stringify(validBody)),
    ...rest,
  };
}

async function errorOf(emulator: BedrockEmulator, input: EmulatorRequest): Promise<{ status: number; type: string | undefined; message: string }> {
  const response = await emulator.handle(input);
  return { status: response.status, type: response.headers['x-amzn-ErrorType'], message: JSON.parse(response.body).message };
}

describe('Bedrock emulator handler', () => {
  it('returns 200 from the health route without credentials', async () => {
    const response = await createBedrockEmulator().handle({ method: 'GET', path: '/health', headers: {}, body: new Uint8Array() });

    expect(response.status).toBe(200);
  });

  it('returns 200 with JSON content type, a UUID request id and a latency header', async () => {
    const response = await createBedrockEmulator().handle(request());

    expect(response.status).toBe(200);
    expect(response.headers['Content-Type']).toBe('application/json');
    expect(response.headers['x-amzn-RequestId']).toMatch(UUID);
    expect(response.headers['X-Amzn-Bedrock-Invocation-Latency']).toMatch(/^\d+$/);
  });

  it('accepts a bearer token and an application/octet-stream body', async () => {
    const response = await createBedrockEmulator().handle(
      request({ headers: { authorization: 'Bearer ABSKexample', 'content-type': 'application/octet-stream' } }),
    );

    expect(response.status).toBe(200);
  });

  it('includes the configured latency in the invocation latency header', async () => {
    const response = await createBedrockEmulator({ latencyMs: 30 }).handle(request());

    expect(Number(response.headers['X-Amzn-Bedrock-Invocation-Latency'])).toBeGreaterThanOrEqual(29);
  });

  it.each([
    ['a cross-Region profile id', `us.${HAIKU}`],
    ['a global profile id', `global.${HAIKU}`],
    ['a us-gov profile id', `us-gov.${HAIKU}`],
    ['a foundation-model ARN', `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU}`],
    ['an inference-profile ARN', `arn:aws:bedrock:us-east-1:123456789012:inference-profile/eu.${HAIKU}`],
  ])('accepts %s as the model id', async (_form, modelId) => {
    const response = await createBedrockEmulator().handle(request({ modelId }));

    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).model).toBe('claude-3-haiku-20240307');
  });

  it.each([
    ['an unknown provider', 'acme.super-model-v1:0'],
    ['an ARN from another Region', `arn:aws:bedrock:eu-west-1::foundation-model/${HAIKU}`],
    ['a foundation-model ARN holding a profile id', `arn:aws:bedrock:us-east-1::foundation-model/us.${HAIKU}`],
    ['an inference-profile ARN without a profile id', `arn:aws:bedrock:us-east-1:123456789012:inference-profile/${HAIKU}`],
    ['an application inference profile ARN', 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6'],
  ])('fails with 400 ValidationException for %s', async (_form, modelId) => {
    expect(await errorOf(createBedrockEmulator(), request({ modelId }))).toEqual({
      status: 400,
      type: `ValidationException${ERROR_TYPE_SUFFIX}`,
      message: 'The provided model identifier is invalid.',
    });
  });

  describe('provisioned throughput', () => {
    const PROVISIONED = 'arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abcdefghijkl';
    const SONNET_3_7 = 'anthropic.claude-3-7-sonnet-20250219-v1:0';

    it('answers a provisioned-model ARN as the default provisioned model (Claude 3 Haiku)', async () => {
      const response = await createBedrockEmulator().handle(request({ modelId: PROVISIONED }));

      expect(response.status).toBe(200);
      expect(JSON.parse(response.body).model).toBe('claude-3-haiku-20240307');
      expect(response.headers['X-Amzn-Bedrock-Input-Token-Count']).toBe('1');
    });

    it('answers a configured provisioned throughput as the model it serves', async () => {
      const emulator = createBedrockEmulator({ provisionedModels: [{ arn: PROVISIONED, modelId: SONNET_3_7 }] });
      const response = await emulator.handle(request({ modelId: PROVISIONED }));

      expect(JSON.parse(response.body).model).toBe('claude-3-7-sonnet-20250219');
    });

    it.each([
      ['an ARN not configured when there is no default', createBedrockEmulator({ defaultProvisionedModelId: null }), PROVISIONED],
      ['an ARN from another Region', createBedrockEmulator(), 'arn:aws:bedrock:eu-west-1:123456789012:provisioned-model/abcdefghijkl'],
      ['an ARN without an account', createBedrockEmulator(), 'arn:aws:bedrock:us-east-1::provisioned-model/abcdefghijkl'],
      ['a default model the emulator does not serve', createBedrockEmulator({ models: [HAIKU], defaultProvisionedModelId: SONNET_3_7 }), PROVISIONED],
    ])('fails with 400 ValidationException for %s', async (_case, emulator, modelId) => {
      expect(await errorOf(emulator, request({ modelId }))).toEqual({
        status: 400,
        type: `ValidationException${ERROR_TYPE_SUFFIX}`,
        message: 'The provided model identifier is invalid.',
      });
    });
  });

  it('fails with 403 AccessDeniedException when the Authorization header is missing', async () => {
    const result = await errorOf(createBedrockEmulator(), request({ headers: { 'content-type': 'application/json' } }));

    expect(result.status).toBe(403);
    expect(result.type).toBe(`AccessDeniedException${ERROR_TYPE_SUFFIX}`);
  });

  it('fails with 403 AccessDeniedException for an unknown authorization scheme', async () => {
    const result = await errorOf(createBedrockEmulator(), request({ headers: { authorization: 'Basic bG9jYWw6bG9jYWw=' } }));

    expect(result.status).toBe(403);
  });

  it('fails with 404 for a route no operation serves', async () => {
    const result = await errorOf(createBedrockEmulator(), request({ path: '/models' }));

    expect(result.status).toBe(404);
    expect(result.type).toBe(`UnknownOperationException${ERROR_TYPE_SUFFIX}`);
  });

  it('fails with 404 for GET on the invoke path', async () => {
    expect((await errorOf(createBedrockEmulator(), request({ method: 'GET' }))).status).toBe(404);
  });

  it('fails with ValidationException for a body that is not JSON', async () => {
    const result = await errorOf(createBedrockEmulator(), request({ body: new TextEncoder().encode('{"anthropic_version":') }));

    expect(result).toEqual({
      status: 400,
      type: `ValidationException${ERROR_TYPE_SUFFIX}`,
      message: 'Malformed input request, please reformat your input and try again.',
    });
  });

  it('fails with ValidationException for a content type other than JSON or octet-stream', async () => {
    const result = await errorOf(
      createBedrockEmulator(),
      request({ headers: { authorization: 'Bearer k', 'content-type': 'text/plain' } }),
    );

    expect(result.status).toBe(400);
  });

  it.each([
    ['throttle', 429, 'ThrottlingException'],
    ['internal', 500, 'InternalServerException'],
    ['unavailable', 503, 'ServiceUnavailableException'],
    ['timeout', 408, 'ModelTimeoutException'],
  ])('fails with the injected %s fault', async (fault, status, name) => {
    const result = await errorOf(
      createBedrockEmulator(),
      request({ headers: { authorization: 'Bearer k', 'x-bedrock-emulator-fault': fault } }),
    );

    expect(result.status).toBe(status);
    expect(result.type).toBe(`${name}${ERROR_TYPE_SUFFIX}`);
  });

  it('fails with ValidationException for an unknown fault name', async () => {
    const result = await errorOf(
      createBedrockEmulator(),
      request({ headers: { authorization: 'Bearer k', 'x-bedrock-emulator-fault': 'explode' } }),
    );

    expect(result.status).toBe(400);
    expect(result.message).toContain('throttle, internal, unavailable, timeout');
  });

  it('asks the configured fault hook and injects what it returns', async () => {
    const seen: FaultContext[] = [];
    const emulator = createBedrockEmulator({
      faults: (context) => {
        seen.push(context);
        return seen.length === 1 ? 'unavailable' : undefined;
      },
    });

    const first = await emulator.handle(request({ modelId: `us.${HAIKU}` }));
    const second = await emulator.handle(request());

    expect([first.status, second.status]).toEqual([503, 200]);
    expect(seen.map((context) => [context.operation, context.modelId])).toEqual([
      ['InvokeModel', `us.${HAIKU}`],
      ['InvokeModel', HAIKU],
    ]);
  });

  it('fails with ValidationException when DeepSeek R1 is called by its base id', async () => {
    const result = await errorOf(
      createBedrockEmulator(),
      request({ modelId: 'deepseek.r1-v1:0', body: new TextEncoder().encode('{"prompt":"Hi"}') }),
    );

    expect(result.status).toBe(400);
    expect(result.message).toContain('with on-demand throughput isn’t supported');
  });

  it('rejects a region that is not a Region name', () => {
    expect(() => createBedrockEmulator({ region: 'local' })).toThrow(/region 'local'/);
  });
});

describe('Bedrock emulator unexpected errors', () => {
  it('masks an unexpected error as InternalServerException and reports it to the configured hook', async () => {
    const reported: unknown[] = [];
    const emulator = createBedrockEmulator({
      faults: () => {
        throw new Error('hook broke');
      },
      onUnexpectedError: (error) => reported.push(error),
    });

    const result = await errorOf(emulator, request());

    expect(result).toEqual({
      status: 500,
      type: `InternalServerException${ERROR_TYPE_SUFFIX}`,
      message: 'The Bedrock emulator failed unexpectedly.',
    });
    expect(reported).toEqual([new Error('hook broke')]);
  });
});
