import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router-dom";
import { z } from "zod";
import { AppProviders } from "./providers";
import { router } from "./router";
import "../styles.css";

// The server's CSP has no 'unsafe-eval'; zod must not compile validators with new Function.
z.config({ jitless: true });

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

createRoot(root).render(
  <StrictMode>
    <AppProviders>
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>,
);
