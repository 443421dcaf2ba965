import { createHash } from 'node:crypto';
import { authorizationRequest } from '../auth/oauth';

test('each request gets its own state', () => {
  const a = authorizationRequest('https://idp.example/authorize', 'client', 'https://app.example/cb');
  const b = authorizationRequest('https://idp.example/authorize', 'client', 'https://app.example/cb');
  expect(a.state).not.toEqual(b.state);
});

test('fixture digests match the recorded ones', () => {
  expect(createHash('md5').update('fixture').digest('hex')).toHaveLength(32); // expect: hash-algorithm
});
