import { Forbidden } from "@/components/shell/forbidden";

export default function ForbiddenPage() {
  return <Forbidden />;
}
