import { roleLabels, roles } from "@/lib/auth/permissions";
import type { SelectOption } from "@/components/ui/select";

export const roleOptions: readonly SelectOption[] = roles.map((role) => ({ value: role, label: roleLabels[role] }));
