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

  test('an unknown LOG_LEVEL names the value given', () => {
    assert.throws(
      () => loadConfig({ LOG_LEVEL: 'verbose' }),
      (e: Error) => e instanceof ConfigError && e.message.endsWith('got "verbose"'),
    );
  });
});
