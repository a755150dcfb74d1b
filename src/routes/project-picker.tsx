import { ProjectPicker } from "../features/projects/project-picker";

export function ProjectPickerPage() {
  return <ProjectPicker />;
}
