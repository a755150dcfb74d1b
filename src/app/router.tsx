import { createBrowserRouter, Navigate, useParams } from "react-router-dom";
import { JobsPage } from "../routes/jobs-page";
import { NotFoundPage } from "../routes/not-found-page";
import { ProjectPickerPage } from "../routes/project-picker";
import { RouteErrorPage } from "../routes/route-error-page";
import { AppLayout } from "./app-layout";

function ProjectRedirect() {
  const { projectId = "" } = useParams();
  return <Navigate to={`/projects/${encodeURIComponent(projectId)}/jobs`} replace />;
}

export const router = createBrowserRouter([
  {
    element: <AppLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      { path: "/", element: <ProjectPickerPage /> },
      { path: "/projects/:projectId", element: <ProjectRedirect /> },
      { path: "/projects/:projectId/jobs", element: <JobsPage /> },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
