"""Which file column feeds which field: guessed from the headers, editable, saved as JSON.

A mapping is ``{header: field}`` over the file's header cells; a header mapped to ``""``
is ignored. The guess compares a normalised header (lower case, no spaces, brackets or
punctuation) with the synonyms below, then with their prefixes ("手机号码" starts with
"手机"). A saved mapping is keyed by the file's *shape* (its normalised headers), so the
next export from the same dealer system is mapped the same way without asking.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from dealerdesk.errors import ValidationError
from dealerdesk.i18n import t

# field -> synonyms (normalised). Order matters: the first field whose synonym matches wins.
FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("name", "customer", "customername", "fullname", "fn", "姓名", "客户名称",
             "客户姓名", "客户", "车主", "车主姓名", "联系人", "名称"),
    "phone": ("phone", "mobile", "cell", "tel", "telephone", "phonenumber", "mobilephone",
              "手机", "手机号", "手机号码", "电话", "联系电话", "电话号码", "移动电话"),
    "phone2": ("phone2", "otherphone", "secondphone", "homephone", "备用电话", "其他电话",
               "电话2", "座机", "固定电话"),
    "wechat": ("wechat", "weixin", "微信", "微信号"),
    "email": ("email", "mail", "emailaddress", "邮箱", "电子邮箱", "电子邮件"),
    "gender": ("gender", "sex", "性别"),
    "birthday": ("birthday", "birthdate", "dateofbirth", "dob", "生日", "出生日期"),
    "address": ("address", "street", "地址", "联系地址", "住址", "家庭住址"),
    "city": ("city", "城市", "所在城市"),
    "notes": ("notes", "note", "remark", "remarks", "comment", "备注", "说明"),
    "vin": ("vin", "vinno", "vinnumber", "chassis", "chassisno", "车架号", "车辆识别代号",
            "车辆识别号", "底盘号", "vin码"),
    "plate": ("plate", "plateno", "licenseplate", "platenumber", "registration", "车牌",
              "车牌号", "车牌号码", "号牌"),
    "make": ("make", "brand", "manufacturer", "品牌", "厂牌"),
    "model": ("model", "vehiclemodel", "carmodel", "车型", "车系", "型号"),
    "year": ("year", "modelyear", "年款", "年份", "车型年份"),
    "color": ("color", "colour", "颜色", "车身颜色"),
    "purchase_date": ("purchasedate", "saledate", "dateofpurchase", "bought", "购车日期",
                      "购买日期", "销售日期", "开票日期", "提车日期"),
    "purchase_price": ("purchaseprice", "price", "saleprice", "购车价格", "购车金额",
                       "成交价", "车价", "售价"),
    "mileage_km": ("mileage", "mileagekm", "odometer", "km", "里程", "公里数", "行驶里程",
                   "当前里程"),
    "warranty_end": ("warrantyend", "warrantyexpiry", "保修到期", "质保到期", "保修截止"),
    "insurance_end": ("insuranceend", "insuranceexpiry", "保险到期", "保险到期日",
                      "续保日期", "商业险到期"),
    "inspection_due": ("inspectiondue", "inspection", "年检日期", "年检到期", "下次年检"),
    "service_date": ("servicedate", "lastservice", "lastservicedate", "visitdate",
                     "保养日期", "维修日期", "进厂日期", "上次保养", "最近保养日期"),
    "service_kind": ("servicekind", "visitkind", "servicetype", "维修类型", "业务类型",
                     "进厂类型"),
    "service_amount": ("serviceamount", "amount", "invoiceamount", "保养金额", "维修金额",
                       "结算金额", "金额"),
    "service_mileage": ("servicemileage", "visitmileage", "进厂里程", "保养里程"),
}  # fmt: skip
FIELD_KEYS = tuple(FIELDS)
CUSTOMER_FIELDS = (
    "name", "phone", "phone2", "wechat", "email", "gender", "birthday", "address", "city",
    "notes",
)  # fmt: skip
VEHICLE_FIELDS = (
    "vin", "plate", "make", "model", "year", "color", "purchase_date", "purchase_price",
    "mileage_km", "warranty_end", "insurance_end", "inspection_due",
)  # fmt: skip
SERVICE_FIELDS = ("service_date", "service_kind", "service_amount", "service_mileage")
_PUNCT = re.compile(r"[\s_\-—.:：/\\()（）\[\]【】<>《》*#'\"“”]+")
_SYNONYM_OF = {s: key for key, words in FIELDS.items() for s in words}


def normalise_header(text: str) -> str:
    text = re.sub(r"[（(][^)）]*[)）]", "", text)  # "手机(必填)" -> "手机"
    return _PUNCT.sub("", text).lower()


def guess_mapping(headers: tuple[str, ...]) -> dict[str, str]:
    """Each header's likely field ("" when none); a field is given to one header only."""
    taken: set[str] = set()
    out: dict[str, str] = {}
    for header in headers:
        key = normalise_header(header)
        field = _SYNONYM_OF.get(key, "")
        if not field and len(key) >= 2:
            field = next(
                (f for s, f in _SYNONYM_OF.items() if len(s) >= 2 and key.startswith(s)), ""
            )
        if field in taken:
            field = ""
        if field:
            taken.add(field)
        out[header] = field
    return out


def shape_key(headers: tuple[str, ...]) -> str:
    """A short fingerprint of the header row, to find a saved mapping for the same shape."""
    joined = "\x1f".join(normalise_header(h) for h in headers)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]


def check_mapping(mapping: Mapping[str, str], headers: tuple[str, ...]) -> dict[str, str]:
    """Keep the file's headers only; refuse unknown fields and a field used twice."""
    out = dict.fromkeys(headers, "")
    used: dict[str, str] = {}
    for header, field in mapping.items():
        if header not in out:
            continue
        if field and field not in FIELDS:
            raise ValidationError("mapping", t("import.map_unknown_field", field=field))
        if field and field in used:
            raise ValidationError(
                "mapping", t("import.map_twice", field=field, first=used[field], second=header)
            )
        if field:
            used[field] = header
        out[header] = field
    if "name" not in used:
        raise ValidationError("mapping", t("import.map_no_name"))
    if "phone" not in used and "vin" not in used:
        raise ValidationError("mapping", t("import.map_no_key"))
    return out


@dataclass(frozen=True, slots=True)
class SavedMapping:
    shape: str
    columns: dict[str, str]

    def to_json(self) -> str:
        return json.dumps(
            {"version": 1, "shape": self.shape, "columns": self.columns},
            ensure_ascii=False, indent=2,
        )  # fmt: skip

    @classmethod
    def from_json(cls, text: str) -> SavedMapping:
        try:
            data = json.loads(text)
            columns = {str(k): str(v or "") for k, v in dict(data["columns"]).items()}
            return cls(str(data.get("shape", "")), columns)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ValidationError("mapping", t("import.map_bad_file")) from exc


def load_mapping_file(path: Path | str) -> SavedMapping:
    try:
        return SavedMapping.from_json(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValidationError("mapping", t("import.file_unreadable", path=str(path))) from exc


def save_mapping_json(headers: tuple[str, ...], columns: Mapping[str, str]) -> str:
    return SavedMapping(shape_key(headers), dict(columns)).to_json()


def save_mapping_file(
    path: Path | str, headers: tuple[str, ...], columns: Mapping[str, str]
) -> None:
    Path(path).write_text(save_mapping_json(headers, columns), encoding="utf-8")
