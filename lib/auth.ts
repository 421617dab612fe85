/**
 * Sign-in: the only module that knows next-auth. Sessions are stateless JWTs
 * in an HttpOnly cookie, so several instances can serve the same person. The
 * session carries the subject (the Authlete `sub` of the person) and the time
 * of the sign-in itself, which refreshes of the JWT do not move.
 */
import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { embeddedDatabase } from './embedded';
import { verifyCredentials } from './embedded/users';

const credentialsSchema = z.object({
  login: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(1000),
});

declare module 'next-auth' {
  interface Session {
    subject: string;
    /** ms since epoch of the sign-in that started this session */
    signedInAt: number;
  }
}

const authConfig = {
  pages: { signIn: '/sign-in' },
  session: { strategy: 'jwt' },
  providers: [
    Credentials({
      id: 'credentials',
      credentials: { login: {}, password: {} },
      async authorize(input) {
        const parsed = credentialsSchema.safeParse(input);
        if (!parsed.success) throw new CredentialsSignin();
        const user = verifyCredentials(embeddedDatabase(), parsed.data.login, parsed.data.password);
        if (!user) throw new CredentialsSignin();
        return { id: user.subject, name: user.displayName };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      // `user` is present only on the sign-in itself.
      if (user) token.signedInAt = Date.now();
      return token;
    },
    session({ session, token }) {
      session.subject = token.sub ?? '';
      session.signedInAt = typeof token.signedInAt === 'number' ? token.signedInAt : 0;
      return session;
    },
  },
} satisfies NextAuthConfig;

export const { handlers, auth, signIn, signOut } = NextAuth(authConfig);
export { AuthError } from 'next-auth';
