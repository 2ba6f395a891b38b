import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";

// `npm run dev` serves /config.json from the running local stack's ready.json, as the devstack web
// server does for the built app; production gets the same file from the CDK deployment.
function localStackConfig(): Plugin {
  const ready = resolve(fileURLToPath(new URL("..", import.meta.url)), process.env.DEVSTACK_STATE_DIR ?? ".devstack", "ready.json");
  return {
    name: "convertly-local-config",
    configureServer(server) {
      server.middlewares.use("/config.json", (_request, response) => {
        if (!existsSync(ready)) {
          response.statusCode = 503;
          response.end("The local stack is not running: start it with `make run`");
          return;
        }
        const stack = JSON.parse(readFileSync(ready, "utf8"));
        response.setHeader("Content-Type", "application/json");
        response.end(
          JSON.stringify({
            apiUrl: stack.api_url,
            region: stack.region,
            userPoolId: stack.user_pool_id,
            userPoolClientId: stack.user_pool_client_id,
          }),
        );
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), localStackConfig()],
  build: { outDir: "dist", sourcemap: true },
  server: { port: 5173, strictPort: false },
  // The test files share one module graph per worker (no re-import of React, the API client, ... for
  // each of them: a quarter of the time); a test leaves no state a later file would read.
  test: { environment: "node", include: ["src/**/*.test.ts"], isolate: false },
});
