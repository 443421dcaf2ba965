// Express auth middleware with JWT. `// expect: <rule>` marks findings.
import jwt from 'jsonwebtoken';
import { expressjwt } from 'express-jwt';
import passport from 'passport';
import { Strategy as JwtStrategy, ExtractJwt } from 'passport-jwt';
import type { NextFunction, Request, Response } from 'express';

const JWT_SECRET = process.env.JWT_SECRET || 'my-super-secret-jwt-key-change-me'; // expect: hardcoded-key-material
const PUBLIC_KEY = process.env.JWT_PUBLIC_KEY!;

export function issueToken(userId: string): string {
  return jwt.sign({ sub: userId }, JWT_SECRET, { expiresIn: '1h' });
}

export function issueServiceToken(service: string, privateKey: string): string {
  return jwt.sign({ sub: service }, privateKey, { algorithm: 'RS256', allowInsecureKeySizes: true }); // expect: jwt-algorithm
}

export function authenticate(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.replace('Bearer ', '');
  if (!token) return res.status(401).end();
  try {
    (req as any).user = jwt.verify(token, JWT_SECRET); // expect: jwt-algorithm
    next();
  } catch {
    res.status(401).end();
  }
}

export function verifyPartnerToken(token: string) {
  return jwt.verify(token, PUBLIC_KEY, { algorithms: ['RS256', 'ES256'] });
}

export function debugDecode(token: string) {
  // decode only: no claim is trusted
  return jwt.decode(token, { complete: true });
}

export function unsignedForTests(claims: object) {
  return jwt.sign(claims, '', { algorithm: 'none' }); // expect: jwt-algorithm
}

export const requireAuth = expressjwt({ secret: JWT_SECRET, algorithms: ['HS256'] });

passport.use(
  new JwtStrategy( // expect: jwt-algorithm
    { jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: JWT_SECRET },
    (payload: { sub: string }, done: (err: unknown, user?: unknown) => void) => done(null, { id: payload.sub }),
  ),
);

export function signLegacyWebhook(payload: object) {
  return jwt.sign(payload, 'hook', { algorithm: 'HS256' }); // expect: jwt-algorithm
}
