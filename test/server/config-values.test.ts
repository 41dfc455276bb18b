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

  test('an unknown LOG_LEVEL names the value given', () => {
    assert.throws(
      () => loadConfig({ LOG_LEVEL: 'verbose' }),
      (e: Error) => e instanceof ConfigError && e.message.endsWith('got "verbose"'),
    );
  });
});
