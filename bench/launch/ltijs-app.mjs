// A bare ltijs 5.9.9 tool with default options (the README's example): the baseline of
// `npm run bench:launch`. Run as its own process: ltijs's Provider is a process singleton
// on mongoose's default connection. Configured by environment variables from the bench.
import ltijs from 'ltijs';

const lti = ltijs.Provider;

const { LTIJS_DB_URL, LTIJS_PORT, PLATFORM_ISSUER, PLATFORM_CLIENT_ID, PLATFORM_AUTH_URL, PLATFORM_TOKEN_URL, PLATFORM_JWKS_URL } = process.env;

lti.setup('bench-ltijs-encryption-key', { url: LTIJS_DB_URL }, {});

lti.onConnect(async (token, req, res) => res.send(`ok ${token.user}`));
lti.app.get('/api/session', (req, res) => res.json({ user: res.locals.token.user, roles: res.locals.context.roles }));

await (async () => {
  await lti.deploy({ port: Number(LTIJS_PORT), silent: true });
  await lti.registerPlatform({
    url: PLATFORM_ISSUER,
    name: 'Bench platform',
    clientId: PLATFORM_CLIENT_ID,
    authenticationEndpoint: PLATFORM_AUTH_URL,
    accesstokenEndpoint: PLATFORM_TOKEN_URL,
    authConfig: { method: 'JWK_SET', key: PLATFORM_JWKS_URL },
  });
  process.stdout.write('ltijs bench app ready\n');
})();
