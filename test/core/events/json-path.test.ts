import { describe, expect, it } from 'vitest';
import { indexPath, keyPath } from '../../../lambdas/core/events/json-path';

describe('json paths', () => {
  it('uses dot notation for plain keys and indexes for arrays', () => {
    // Act
    const path = keyPath(indexPath(keyPath('$', 'Records'), 3), 'requestParameters');

    // Assess
    expect(path).toBe('$.Records[3].requestParameters');
  });

  it('quotes keys that are not identifiers, escaping quotes', () => {
    // Act
    const paths = [keyPath('$', 'detail-type'), keyPath('$', "it's"), keyPath('$', '')];

    // Assess
    expect(paths).toEqual(["$['detail-type']", "$['it\\'s']", "$['']"]);
  });
});
