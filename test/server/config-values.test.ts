// Configuration values as an operator writes them: each malformed one stops the start with a message naming its variable
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/server/config.js';

describe('configuration values', () => {
  test('integers are decimal digits: a blank, hexadecimal, an exponent or a fraction names the variable and the value', () => {
    assert.equal(loadConfig({ PORT: '8080' }).port, 8080);
    for (const value of [' 80 ', '0x50', '1e3', '80.0', '80abc']) {
      assert.throws(
        () => loadConfig({ PORT: value }),
        (e: Error) => e instanceof ConfigError && e.message === `PORT must be an integer between 0 and 65535, got "${value}"`,
        value,
      );
    }
    assert.throws(
      () => loadConfig({ DB_POOL_SIZE: '1e1' }),
      (e: Error) => e instanceof ConfigError && /^DB_POOL_SIZE /.test(e.message),
    );
  });

  test('OTEL_TRACES_SAMPLER_ARG is a decimal from 0 to 1: hexadecimal, binary, an exponent or out of range names the variable and the value', () => {
    const ratio = (value: string) => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_SAMPLER_ARG: value }).tracing!.samplerRatio;
    for (const [value, expected] of [
      ['0', 0],
      ['1', 1],
      ['0.25', 0.25],
      ['.5', 0.5],
      ['1.0', 1],
    ] as const) {
      assert.equal(ratio(value), expected, value);
    }
    for (const value of ['0x1', '0b1', '0o1', '1e-1', '1e0', '-0', '-0.5', '1.5', '2', 'Infinity', 'NaN', '0.5abc', '50%', '0,5']) {
      assert.throws(
        () => ratio(value),
        (e: Error) =>
          e instanceof ConfigError && e.message === `OTEL_TRACES_SAMPLER_ARG must be a decimal number from 0 to 1 (the share of traces kept), got "${value}"`,
        value,
      );
    }
  });

  test('OTEL_RESOURCE_ATTRIBUTES is key=value,…: an entry without = or a key, or a bad percent-escape, names the variable and the entry (they were dropped without a word)', () => {
    const attributes = (value: string) =>
      loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_RESOURCE_ATTRIBUTES: value }).tracing!.resourceAttributes;
    assert.deepEqual(attributes('deployment.environment.name=prod, service.instance.id = api-2,'), {
      'deployment.environment.name': 'prod',
      'service.instance.id': 'api-2',
    });
    assert.deepEqual(attributes('team=a%20b,expr=x=y'), { team: 'a b', expr: 'x=y' });
    for (const [value, entry] of [
      ['deployment.environment.name:prod', 'deployment.environment.name:prod'],
      ['a=b,c', 'c'],
      ['=prod', '=prod'],
      ['a=%ZZ', 'a=%ZZ'],
    ]) {
      assert.throws(
        () => attributes(value!),
        (e: Error) => e instanceof ConfigError && e.message.startsWith(`OTEL_RESOURCE_ATTRIBUTES: "${entry}" is not key=value`),
        value,
      );
    }
  });

  test('HOST is an IP address or a host name: anything else names the variable (it failed at listen as getaddrinfo ENOTFOUND)', () => {
    for (const host of ['0.0.0.0', '::', '::1', 'localhost', 'idm.internal', 'app-1.example.com']) assert.equal(loadConfig({ HOST: host }).host, host, host);
    for (const host of ['http://0.0.0.0', '0.0.0.0:4000', 'my host', '-bad.example', 'a..b']) {
      assert.throws(
        () => loadConfig({ HOST: host }),
        (e: Error) => e instanceof ConfigError && e.message.startsWith('HOST ') && e.message.endsWith(`got "${host}"`),
        host,
      );
    }
  });

  test('ADMIN_API_KEY is a key a client can send: whitespace (a trailing newline from a secret file) or more than 512 characters stop the start', () => {
    const key = 'idm_admin_0123456789abcdefghijkl';
    assert.equal(loadConfig({ ADMIN_API_KEY: key }).adminApiKey, key);
    assert.equal(loadConfig({ ADMIN_API_KEY: 'k'.repeat(512) }).adminApiKey, 'k'.repeat(512));
    // a bearer token is one run of visible characters of at most 512 (bearer-auth.ts): a key such as
    // these was accepted, could never match, and left a new installation without a platform key
    for (const value of [`${key}\n`, ` ${key}`, `${key} with spaces`, 'k'.repeat(513), `${key}é`]) {
      assert.throws(
        () => loadConfig({ ADMIN_API_KEY: value }),
        (e: Error) => e instanceof ConfigError && /^ADMIN_API_KEY /.test(e.message) && !e.message.includes(key),
        JSON.stringify(value),
      );
    }
    assert.throws(
      () => loadConfig({ ADMIN_API_KEY: 'short' }),
      (e: Error) => e instanceof ConfigError && /^ADMIN_API_KEY must be at least 24 characters/.test(e.message),
    );
  });

  test('an unknown LOG_LEVEL names the value given', () => {
    assert.throws(
      () => loadConfig({ LOG_LEVEL: 'verbose' }),
      (e: Error) => e instanceof ConfigError && e.message.endsWith('got "verbose"'),
    );
  });
});
