import { Component, type ReactNode } from "react";
import { type Location, useLocation } from "react-router-dom";
import { RouteErrorPage } from "../routes/route-error-page";

type BoundaryProps = { location: Location; children: ReactNode };
type BoundaryState = { error: unknown; location: Location; failed: boolean };

class ErrorBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { error: null, location: this.props.location, failed: false };

  static getDerivedStateFromError(error: unknown): Partial<BoundaryState> {
    return { error, failed: true };
  }

  // Navigating away (the error page's own link, Back) gives the new page a fresh start.
  static getDerivedStateFromProps(
    props: BoundaryProps,
    state: BoundaryState,
  ): Partial<BoundaryState> | null {
    if (props.location === state.location) return null;
    return { error: null, failed: false, location: props.location };
  }

  override render() {
    return this.state.failed ? <RouteErrorPage error={this.state.error} /> : this.props.children;
  }
}

/** Last line of defence around the routes: a render error shows the error page, never a blank one. */
export function RouteErrorBoundary({ children }: { children: ReactNode }) {
  const location = useLocation();
  return <ErrorBoundary location={location}>{children}</ErrorBoundary>;
}
