import type { NextConfig } from "next";

const config: NextConfig = {
  // PGlite and Cedar load their WASM files from their own package folders at run time.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/schema-engine-wasm",
    "@cedar-policy/cedar-wasm",
  ],
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  // `npm test` typechecks the whole project (tests included) as its own step; a first
  // `npm start` should not spend time on it or refuse to run over a test's typing.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default config;
