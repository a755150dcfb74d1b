import { z } from "zod/mini";

// The server's CSP has no 'unsafe-eval': zod must not compile validators with new Function, nor
// probe whether it may. This module is main.tsx's first import so it runs before any schema.
// zod/mini loads no locale of its own; English keeps the messages a malformed job shows as they
// were with the full zod.
z.config({ jitless: true, ...z.locales.en() });
