import { Navigate, Route, Routes, useParams } from "react-router-dom";
import { useMessages } from "../lib/i18n/messages";
import { lazyComponent, preloadAfterContent } from "../lib/lazy-component";
import { JobsPage } from "../routes/jobs-page";
import { NotFoundPage } from "../routes/not-found-page";
import { AppLayout } from "./app-layout";
import { RouteErrorBoundary } from "./route-error-boundary";

// The start page (the morning page) is not on the way to the list's rows: its code loads when
// it is opened, or when the browser is idle after a list is on screen.
function PageLoading() {
  return <p aria-busy="true">{useMessages().pages.loadingPage}</p>;
}
const MorningPage = lazyComponent(
  () => import("../routes/morning-page").then((m) => m.MorningPage),
  PageLoading,
);
preloadAfterContent(MorningPage.preload);

/** The overview, its statistics and charts: loaded when opened, never with the list. */
const OverviewPage = lazyComponent(
  () => import("../routes/overview-page").then((m) => m.OverviewPage),
  PageLoading,
);

function ProjectRedirect() {
  const { projectId = "" } = useParams();
  return <Navigate to={`/projects/${encodeURIComponent(projectId)}/jobs`} replace />;
}

/**
 * Declarative routes (inside `<BrowserRouter>`): the app has no loaders or actions, so the data
 * router's code would only weigh on the first load. A render error anywhere below shows the error
 * page in place of the layout, as `errorElement` did.
 */
export function AppRoutes() {
  return (
    <RouteErrorBoundary>
      <Routes>
        <Route element={<AppLayout />}>
          <Route path="/" element={<MorningPage.Component />} />
          <Route path="/projects/:projectId" element={<ProjectRedirect />} />
          <Route path="/projects/:projectId/jobs" element={<JobsPage />} />
          <Route path="/projects/:projectId/overview" element={<OverviewPage.Component />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </RouteErrorBoundary>
  );
}
