import { z } from "zod";

// The server's CSP has no 'unsafe-eval': zod must not compile validators with new Function, nor
// probe whether it may. This module is main.tsx's first import so it runs before any schema.
z.config({ jitless: true });
